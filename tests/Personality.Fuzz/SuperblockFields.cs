namespace Personality.Fuzz;

/// <summary>
/// Byte offsets (from the start of the device) of the fields each probe trusts: magic numbers,
/// sizes, counts, offsets, feature flags, checksum types. Setting them to edge values reaches the
/// arithmetic that random bit flips rarely do.
/// </summary>
public static class SuperblockFields
{
    private const int ExtBase = 1024;
    private const int BtrfsBase = 65536;
    private const int IsoBase = 0x8000;

    public static readonly int[] Ext =
        [.. new[] { 0x00, 0x04, 0x18, 0x38, 0x4C, 0x5C, 0x60, 0x64, 0x68, 0x78, 0x175, 0x3FC }.Select(o => ExtBase + o)];

    public static readonly int[] Xfs = [0, 4, 8, 32, 100, 102, 104, 108, 224];

    public static readonly int[] Iso =
        [.. Enumerable.Range(0, 4).SelectMany(d => new[] { 0, 1, 6, 40, 80, 120, 128, 813, 830 }.Select(o => IsoBase + d * 0x800 + o))];

    public static readonly int[] Btrfs =
        [.. new[] { 0x00, 0x20, 0x30, 0x40, 0x90, 0x94, 0xC4, 0x12B }.Select(o => BtrfsBase + o)];

    public static readonly int[] Vfat = [0x0B, 0x0D, 0x0E, 0x10, 0x11, 0x13, 0x15, 0x16, 0x20, 0x24, 0x2C, 0x36, 0x52, 510];
}
