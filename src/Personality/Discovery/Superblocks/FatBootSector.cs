using System.Buffers.Binary;

namespace Personality.Discovery;

/// <summary>
/// vfat (FAT12/16/32). Its only magic is weak (0x55AA is also every MBR's), so it is tried
/// last, needs the "FAT" type string too, and a boot sector failing the sanity checks is taken
/// as "not FAT" rather than as a corrupt filesystem.
/// </summary>
internal static class FatBootSector
{
    private const int SectorLength = 512;
    private const int RootScanLimit = 4096;
    private const byte AttrVolumeId = 0x08, AttrDirectory = 0x10, AttrLongName = 0x0F, DeletedEntry = 0xE5;
    private static ReadOnlySpan<byte> NoName => "NO NAME    "u8;

    public static ProbeResult? TryProbe(DeviceBytes device)
    {
        var bs = device.Get(0, SectorLength);
        if (bs.IsEmpty || bs[510] != 0x55 || bs[511] != 0xAA || !HasTypeString(bs) || !IsSane(bs))
            return null;

        var fat16Length = BinaryPrimitives.ReadUInt16LittleEndian(bs[0x16..]);
        var isFat32 = fat16Length == 0;
        // The fields after the common header move in FAT32 to make room for its extra ones.
        var serialOffset = isFat32 ? 0x43 : 0x27;
        var bootLabel = bs.Slice(isFat32 ? 0x47 : 0x2B, 11);

        var rootLabel = RootDirectoryLabel(device, bs, isFat32);
        var label = rootLabel is not null && !rootLabel.AsSpan().SequenceEqual(NoName) ? rootLabel
            : bootLabel.SequenceEqual(NoName) ? [] : bootLabel.ToArray();

        var serial = BinaryPrimitives.ReadUInt32LittleEndian(bs[serialOffset..]);
        return Probes.Found("vfat", SuperblockText.ByteLabel(label), $"{serial >> 16:X4}-{serial & 0xFFFF:X4}");
    }

    private static bool HasTypeString(ReadOnlySpan<byte> bs) =>
        bs.Slice(0x52, 8).SequenceEqual("FAT32   "u8) || bs.Slice(0x52, 5).SequenceEqual("MSWIN"u8)
        || bs.Slice(0x36, 3).SequenceEqual("FAT"u8) || bs.Slice(0x36, 5).SequenceEqual("MSDOS"u8);

    // The same checks the kernel and blkid make before trusting the geometry.
    private static bool IsSane(ReadOnlySpan<byte> bs)
    {
        var sectorSize = BinaryPrimitives.ReadUInt16LittleEndian(bs[0x0B..]);
        var sectorsPerCluster = bs[0x0D];
        var reserved = BinaryPrimitives.ReadUInt16LittleEndian(bs[0x0E..]);
        var fats = bs[0x10];
        var media = bs[0x15];
        var fatLength = BinaryPrimitives.ReadUInt16LittleEndian(bs[0x16..]) != 0
            || BinaryPrimitives.ReadUInt32LittleEndian(bs[0x24..]) != 0;
        return Probes.IsPowerOfTwo(sectorSize) && sectorSize is >= 512 and <= 4096
            && Probes.IsPowerOfTwo(sectorsPerCluster) && reserved != 0 && fats != 0
            && (media >= 0xF8 || media == 0xF0) && fatLength;
    }

    // Windows (and fatlabel) keep the label as a volume-id entry in the root directory and may
    // leave the boot sector copy stale, so the directory entry wins, as it does for blkid.
    // Only the first 4 KiB of the root directory are looked at; the label is normally entry 0.
    private static byte[]? RootDirectoryLabel(DeviceBytes device, ReadOnlySpan<byte> bs, bool isFat32)
    {
        long sectorSize = BinaryPrimitives.ReadUInt16LittleEndian(bs[0x0B..]);
        long reserved = BinaryPrimitives.ReadUInt16LittleEndian(bs[0x0E..]);
        long fatSectors = bs[0x10] * (long)(isFat32
            ? BinaryPrimitives.ReadUInt32LittleEndian(bs[0x24..])
            : BinaryPrimitives.ReadUInt16LittleEndian(bs[0x16..]));
        long rootStart;
        int rootLength;
        if (isFat32)
        {
            long rootCluster = BinaryPrimitives.ReadUInt32LittleEndian(bs[0x2C..]);
            if (rootCluster < 2)
                return null;
            rootStart = (reserved + fatSectors + (rootCluster - 2) * bs[0x0D]) * sectorSize;
            rootLength = (int)Math.Min(RootScanLimit, bs[0x0D] * sectorSize);
        }
        else
        {
            rootStart = (reserved + fatSectors) * sectorSize;
            rootLength = Math.Min(RootScanLimit, BinaryPrimitives.ReadUInt16LittleEndian(bs[0x11..]) * 32);
        }

        var directory = device.Get(rootStart, rootLength - rootLength % 32);
        for (var at = 0; at + 32 <= directory.Length; at += 32)
        {
            var entry = directory.Slice(at, 32);
            if (entry[0] == 0)
                break; // end of directory
            var attributes = entry[0x0B];
            var hasCluster = BinaryPrimitives.ReadUInt16LittleEndian(entry[0x14..]) != 0
                || BinaryPrimitives.ReadUInt16LittleEndian(entry[0x1A..]) != 0;
            if (entry[0] == DeletedEntry || hasCluster || (attributes & 0x3F) == AttrLongName)
                continue;
            if ((attributes & (AttrVolumeId | AttrDirectory)) == AttrVolumeId)
            {
                var name = entry[..11].ToArray();
                if (name[0] == 0x05) name[0] = DeletedEntry; // 0xE5 as a first character is escaped
                return name;
            }
        }
        return null;
    }
}
