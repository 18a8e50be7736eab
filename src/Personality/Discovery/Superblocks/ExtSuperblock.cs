using System.Buffers.Binary;

namespace Personality.Discovery;

/// <summary>ext2, ext3 and ext4: one superblock format at byte 1024, told apart by feature flags.</summary>
internal static class ExtSuperblock
{
    private const int Offset = 1024, Length = 1024;
    private const ushort Magic = 0xEF53;

    private const uint CompatHasJournal = 0x4;
    private const uint IncompatJournalDevice = 0x8;
    // Features ext3 understands (filetype, needs_recovery, meta_bg; sparse_super, large_file,
    // btree_dir). Anything beyond these needs the ext4 driver, which is how blkid decides too.
    private const uint Ext3Incompat = 0x2 | 0x4 | 0x10;
    private const uint Ext3RoCompat = 0x1 | 0x2 | 0x4;
    private const uint RoCompatMetadataCsum = 0x400;
    private const byte ChecksumTypeCrc32c = 1;
    private const int ChecksumOffset = 0x3FC;

    public static ProbeResult? TryProbe(DeviceBytes device)
    {
        var sb = device.Get(Offset, Length);
        if (sb.IsEmpty || BinaryPrimitives.ReadUInt16LittleEndian(sb[0x38..]) != Magic)
            return null;

        var compat = BinaryPrimitives.ReadUInt32LittleEndian(sb[0x5C..]);
        var incompat = BinaryPrimitives.ReadUInt32LittleEndian(sb[0x60..]);
        var roCompat = BinaryPrimitives.ReadUInt32LittleEndian(sb[0x64..]);

        // An external journal carries the ext magic but holds no files: never a mount candidate.
        if ((incompat & IncompatJournalDevice) != 0)
            return Probes.Nothing;

        var type = (incompat & ~Ext3Incompat) != 0 || (roCompat & ~Ext3RoCompat) != 0 ? "ext4"
            : (compat & CompatHasJournal) != 0 ? "ext3"
            : "ext2";

        var logBlockSize = BinaryPrimitives.ReadUInt32LittleEndian(sb[0x18..]);
        if (logBlockSize > 6)
            return Probes.Corrupt(type, device.Path, $"block size 2^{10 + (long)logBlockSize} is impossible (s_log_block_size {logBlockSize})");

        if ((roCompat & RoCompatMetadataCsum) != 0 && ChecksumProblem(sb) is { } problem)
            return Probes.Corrupt(type, device.Path, problem);

        return Probes.Found(type, SuperblockText.Utf8Label(sb.Slice(0x78, 16)), SuperblockText.Uuid(sb.Slice(0x68, 16)));
    }

    // ext4 keeps the raw crc32c register (seed ~0, no final inversion) of everything before the field.
    private static string? ChecksumProblem(ReadOnlySpan<byte> sb)
    {
        if (sb[0x175] != ChecksumTypeCrc32c)
            return $"unknown checksum type {sb[0x175]}";
        var stored = BinaryPrimitives.ReadUInt32LittleEndian(sb[ChecksumOffset..]);
        var computed = Crc32c.Update(~0u, sb[..ChecksumOffset]);
        return stored == computed ? null
            : $"checksum mismatch (stored {Probes.Hex(stored)}, computed {Probes.Hex(computed)})";
    }
}
