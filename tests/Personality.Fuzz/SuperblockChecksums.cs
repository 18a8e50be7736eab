using System.Buffers.Binary;
using Personality.Discovery;

namespace Personality.Fuzz;

/// <summary>
/// Recomputes the crc32c of an ext4, xfs v5 or btrfs superblock after a mutation. Without this
/// nearly every mutant of a checksummed seed stops at "checksum mismatch" and the checks after
/// the checksum are never fuzzed.
/// </summary>
public static class SuperblockChecksums
{
    private const int ExtSuperblock = 1024, ExtChecksum = 0x3FC;
    private const int XfsChecksum = 224;
    private const int BtrfsSuperblock = 65536, BtrfsLength = 4096, BtrfsChecksummedFrom = 0x20;

    public static void Reseal(byte[] image)
    {
        var span = image.AsSpan();
        if (span.Length >= ExtSuperblock + 1024)
        {
            var sb = span.Slice(ExtSuperblock, 1024);
            BinaryPrimitives.WriteUInt32LittleEndian(sb[ExtChecksum..], Crc32c.Update(~0u, sb[..ExtChecksum]));
        }
        if (span.Length >= 512 && span[..4].SequenceEqual("XFSB"u8))
        {
            var sectorSize = Math.Clamp((int)BinaryPrimitives.ReadUInt16BigEndian(span[102..]), 512, span.Length);
            var sector = span[..sectorSize];
            sector.Slice(XfsChecksum, 4).Clear();
            BinaryPrimitives.WriteUInt32LittleEndian(sector[XfsChecksum..], Crc32c.Compute(sector));
        }
        if (span.Length >= BtrfsSuperblock + BtrfsLength)
        {
            var sb = span.Slice(BtrfsSuperblock, BtrfsLength);
            BinaryPrimitives.WriteUInt32LittleEndian(sb, Crc32c.Compute(sb[BtrfsChecksummedFrom..]));
        }
    }
}
