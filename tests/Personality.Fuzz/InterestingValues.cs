namespace Personality.Fuzz;

/// <summary>Integers at the edges: zero, signs, powers of two, type limits, typical block sizes.</summary>
public static class InterestingValues
{
    private static readonly long[] Values =
    [
        0, 1, 2, 3, 7, 8, 16, 31, 32, 64, 100, 127, 128, 255, 256, 511, 512, 1023, 1024, 2048, 4096,
        8192, 32768, 65535, 65536, 0x7FFF, 0x8000, 0x7FFFFFFF, 0x80000000, 0xFFFFFFFF, 0x100000000,
        long.MaxValue, long.MinValue, -1, -2, -128, -32768, int.MinValue,
    ];

    public static long Pick(Random random) =>
        random.Next(8) == 0 ? 1L << random.Next(64) : Values[random.Next(Values.Length)];
}
