namespace Personality.IntegrationTests.Harness;

/// <summary>
/// Volume labels unique to one test: the binary scans every block device on the machine, so two
/// tests (or a benchmark) running at once must never share a label. 8 characters fit vfat and iso9660.
/// </summary>
public static class Labels
{
    public static string Unique() => "pt" + Convert.ToHexStringLower(System.Security.Cryptography.RandomNumberGenerator.GetBytes(3));

    /// <summary>Upper case, for vfat and iso9660 whose labels are conventionally upper case.</summary>
    public static string UniqueUpper() => Unique().ToUpperInvariant();
}
