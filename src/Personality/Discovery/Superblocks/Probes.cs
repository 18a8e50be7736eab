namespace Personality.Discovery;

/// <summary>The three kinds of probe answer, with the wording operators see.</summary>
internal static class Probes
{
    public static readonly ProbeResult Nothing = new(null, "", "", null);

    public static ProbeResult Found(string fsType, string label, string uuid) => new(fsType, label, uuid, null);

    /// <summary>The magic matched but the superblock cannot be trusted, so label and UUID are withheld.</summary>
    public static ProbeResult Corrupt(string fsType, string device, string what) =>
        new(fsType, "", "", $"corrupt {fsType} superblock on {device}: {what}");

    public static ProbeResult Unreadable(string device, string reason) =>
        new(null, "", "", $"cannot read superblock of {device}: {reason}");

    public static bool IsPowerOfTwo(long value) => value > 0 && (value & (value - 1)) == 0;

    public static string Hex(uint value) => $"0x{value:x8}";
}
