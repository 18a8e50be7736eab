using Personality.Native;

namespace Personality.Apply.Copying;

/// <summary>
/// Who owns what this process creates, and the umask it is created under: read once, since the
/// process never changes them. Lets a fresh copy skip chown and chmod that would change nothing.
/// </summary>
internal static class CreatorIdentity
{
    private static readonly Lazy<(uint Uid, uint Gid, uint Umask)> s_identity =
        new(() => (FileCalls.EffectiveUid, FileCalls.EffectiveGid, FileCalls.ReadUmask()));

    public static uint Uid => s_identity.Value.Uid;
    public static uint Gid => s_identity.Value.Gid;

    /// <summary>The permission bits an entry created with <paramref name="requested"/> really gets.</summary>
    public static uint Created(uint requested) => requested & ~s_identity.Value.Umask & 0x1FF;
}
