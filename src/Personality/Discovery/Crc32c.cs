namespace Personality.Discovery;

/// <summary>
/// CRC-32C (Castagnoli), the checksum ext4, xfs and btrfs put in their superblocks.
/// <see cref="Update"/> is the bare register step so callers can checksum a buffer in pieces
/// and choose the final inversion: ext4 stores the register as is, xfs and btrfs invert it.
/// </summary>
internal static class Crc32c
{
    private const uint ReversedPolynomial = 0x82F63B78;
    private static readonly uint[] Table = BuildTable();

    /// <summary>The standard CRC-32C of <paramref name="data"/> (seed ~0, result inverted).</summary>
    public static uint Compute(ReadOnlySpan<byte> data) => ~Update(~0u, data);

    public static uint Update(uint crc, ReadOnlySpan<byte> data)
    {
        foreach (var b in data)
            crc = Table[(crc ^ b) & 0xFF] ^ (crc >> 8);
        return crc;
    }

    private static uint[] BuildTable()
    {
        var table = new uint[256];
        for (uint i = 0; i < 256; i++)
        {
            var c = i;
            for (var bit = 0; bit < 8; bit++)
                c = (c & 1) != 0 ? (c >> 1) ^ ReversedPolynomial : c >> 1;
            table[i] = c;
        }
        return table;
    }
}
