namespace Personality.Fleet;

/// <summary>
/// A UUID that is the same on every build for the same seed: a version-4-shaped UUID (RFC 9562
/// layout, version and variant bits set) from the project's own <see cref="ContentHash"/> of the seed.
/// Used for the guests' ext volumes (so a rebuilt volume keeps its filesystem UUID) and for their
/// libvirt domains (so a changed domain.xml redefines the existing domain).
/// </summary>
public static class StableUuid
{
    /// <summary>A version-4-shaped UUID from a hash of <paramref name="seed"/>, lower-case hex.</summary>
    public static string Of(string seed)
    {
        var hex = ContentHash.Of(seed).ToCharArray();
        hex[12] = '4';
        hex[16] = "89ab"[Convert.ToInt32(hex[16].ToString(), 16) & 3];
        var h = new string(hex);
        return $"{h[..8]}-{h[8..12]}-{h[12..16]}-{h[16..20]}-{h[20..32]}";
    }
}
