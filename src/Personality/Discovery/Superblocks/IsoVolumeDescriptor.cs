using System.Text;

namespace Personality.Discovery;

/// <summary>
/// iso9660: volume descriptors start at 32 KiB, one per 2 KiB. The primary one gives the label;
/// a Joliet descriptor gives a longer or non-ASCII label. There is no UUID, so like blkid we
/// use the modification (else creation) date, "YYYY-MM-DD-HH-MM-SS-cc".
/// </summary>
internal static class IsoVolumeDescriptor
{
    private const long FirstDescriptor = 0x8000;
    private const int DescriptorLength = 0x800;
    private const int MaxDescriptors = 16;
    private const byte Primary = 1, Supplementary = 2, Terminator = 255;
    private const int VolumeIdOffset = 40, VolumeIdLength = 32;
    private const int CreatedOffset = 813, ModifiedOffset = 830;

    public static ProbeResult? TryProbe(DeviceBytes device)
    {
        var pvd = device.Get(FirstDescriptor, DescriptorLength);
        if (pvd.IsEmpty || pvd[0] != Primary || !pvd.Slice(1, 5).SequenceEqual("CD001"u8))
            return null;

        var volumeId = pvd.Slice(VolumeIdOffset, VolumeIdLength);
        var label = JolietLabel(device, volumeId) ?? SuperblockText.ByteLabel(volumeId);
        var uuid = DateUuid(pvd.Slice(ModifiedOffset, 17)) ?? DateUuid(pvd.Slice(CreatedOffset, 17)) ?? "";
        return Probes.Found("iso9660", label, uuid);
    }

    // Joliet stores UCS-2 big-endian, so only 16 characters fit. When those 16 spell the start
    // of the primary label, the primary one is the complete label; otherwise Joliet's is the real one.
    private static string? JolietLabel(DeviceBytes device, ReadOnlySpan<byte> primaryVolumeId)
    {
        for (var i = 1; i < MaxDescriptors; i++)
        {
            var vd = device.Get(FirstDescriptor + (long)i * DescriptorLength, DescriptorLength);
            if (vd.IsEmpty || vd[0] == Terminator || !vd.Slice(1, 5).SequenceEqual("CD001"u8))
                return null;
            if (vd[0] != Supplementary || !IsJolietEscape(vd.Slice(88, 3)))
                continue;
            var joliet = vd.Slice(VolumeIdOffset, VolumeIdLength);
            return SpellsSame(primaryVolumeId, joliet) ? null
                : Encoding.BigEndianUnicode.GetString(joliet).TrimEnd(' ', '\0');
        }
        return null;
    }

    private static bool IsJolietEscape(ReadOnlySpan<byte> escape) =>
        escape.SequenceEqual("%/@"u8) || escape.SequenceEqual("%/C"u8) || escape.SequenceEqual("%/E"u8);

    private static bool SpellsSame(ReadOnlySpan<byte> ascii, ReadOnlySpan<byte> ucs2)
    {
        for (var i = 0; i < ucs2.Length / 2; i++)
        {
            if (ucs2[2 * i] != 0 || ucs2[2 * i + 1] != ascii[i])
                return false;
        }
        return true;
    }

    // 16 ASCII digits and a time-zone byte; all '0' with zone 0 means "not set", and anything
    // that is not digits (some mastering tools leave NULs) is treated the same way.
    private static string? DateUuid(ReadOnlySpan<byte> date)
    {
        var digits = date[..16];
        if (digits.ContainsAnyExceptInRange((byte)'0', (byte)'9'))
            return null;
        if (!digits.ContainsAnyExcept((byte)'0') && date[16] == 0)
            return null;
        var d = Encoding.Latin1.GetString(digits);
        return $"{d[..4]}-{d[4..6]}-{d[6..8]}-{d[8..10]}-{d[10..12]}-{d[12..14]}-{d[14..16]}";
    }
}
