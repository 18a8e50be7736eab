using System.Buffers.Binary;

namespace Personality.Discovery;

/// <summary>btrfs: the primary superblock sits at 64 KiB and checksums its own 4 KiB.</summary>
internal static class BtrfsSuperblock
{
    private const long Offset = 65536;
    private const int Length = 4096;
    private const int ChecksummedFrom = 0x20;
    private const ushort ChecksumTypeCrc32c = 0;

    public static ProbeResult? TryProbe(DeviceBytes device)
    {
        var sb = device.Get(Offset, Length);
        if (sb.IsEmpty || !sb.Slice(0x40, 8).SequenceEqual("_BHRfS_M"u8))
            return null;

        // xxhash64, sha256 and blake2b superblocks are accepted unverified: the magic and the
        // sanity checks below still apply, and a wrong guess only costs a failed mount.
        if (BinaryPrimitives.ReadUInt16LittleEndian(sb[0xC4..]) == ChecksumTypeCrc32c)
        {
            var stored = BinaryPrimitives.ReadUInt32LittleEndian(sb);
            var computed = Crc32c.Compute(sb[ChecksummedFrom..]);
            if (stored != computed)
                return Probes.Corrupt("btrfs", device.Path, $"checksum mismatch (stored {Probes.Hex(stored)}, computed {Probes.Hex(computed)})");
        }

        var sectorSize = BinaryPrimitives.ReadUInt32LittleEndian(sb[0x90..]);
        var nodeSize = BinaryPrimitives.ReadUInt32LittleEndian(sb[0x94..]);
        if (!Probes.IsPowerOfTwo(sectorSize) || sectorSize < 512 || sectorSize > 65536)
            return Probes.Corrupt("btrfs", device.Path, $"sector size {sectorSize} is not a power of two between 512 and 65536");
        if (!Probes.IsPowerOfTwo(nodeSize) || nodeSize < sectorSize || nodeSize > 65536)
            return Probes.Corrupt("btrfs", device.Path, $"node size {nodeSize} is not a power of two between the sector size and 65536");

        return Probes.Found("btrfs", SuperblockText.Utf8Label(sb.Slice(0x12B, 256)), SuperblockText.Uuid(sb.Slice(0x20, 16)));
    }
}
