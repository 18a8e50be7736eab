using System.Buffers.Binary;

namespace Personality.Discovery;

/// <summary>xfs: big-endian superblock at byte 0; version 5 superblocks carry a crc32c.</summary>
internal static class XfsSuperblock
{
    private const int MinimalLength = 512;
    private const int CrcOffset = 224;

    public static ProbeResult? TryProbe(DeviceBytes device)
    {
        var sb = device.Get(0, MinimalLength);
        if (sb.IsEmpty || !sb[..4].SequenceEqual("XFSB"u8))
            return null;

        var blockSize = BinaryPrimitives.ReadUInt32BigEndian(sb[4..]);
        if (!Probes.IsPowerOfTwo(blockSize) || blockSize < 512 || blockSize > 65536)
            return Probes.Corrupt("xfs", device.Path, $"block size {blockSize} is not a power of two between 512 and 65536");
        var sectorSize = BinaryPrimitives.ReadUInt16BigEndian(sb[102..]);
        if (!Probes.IsPowerOfTwo(sectorSize) || sectorSize < 512 || sectorSize > 32768)
            return Probes.Corrupt("xfs", device.Path, $"sector size {sectorSize} is not a power of two between 512 and 32768");

        var version = BinaryPrimitives.ReadUInt16BigEndian(sb[100..]) & 0xF;
        if (version == 5)
        {
            var sector = device.Get(0, sectorSize);
            if (sector.IsEmpty)
                return Probes.Corrupt("xfs", device.Path, $"the device ends inside the {sectorSize}-byte superblock sector");
            if (ChecksumProblem(sector) is { } problem)
                return Probes.Corrupt("xfs", device.Path, problem);
        }

        return Probes.Found("xfs", SuperblockText.Utf8Label(sb.Slice(108, 12)), SuperblockText.Uuid(sb.Slice(32, 16)));
    }

    // The crc covers the whole first sector with the crc field itself read as zero; stored little-endian.
    private static string? ChecksumProblem(ReadOnlySpan<byte> sector)
    {
        var stored = BinaryPrimitives.ReadUInt32LittleEndian(sector[CrcOffset..]);
        var crc = Crc32c.Update(~0u, sector[..CrcOffset]);
        crc = Crc32c.Update(crc, [0, 0, 0, 0]);
        crc = ~Crc32c.Update(crc, sector[(CrcOffset + 4)..]);
        return stored == crc ? null : $"checksum mismatch (stored {Probes.Hex(stored)}, computed {Probes.Hex(crc)})";
    }
}
