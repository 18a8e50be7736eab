namespace Personality.Services;

/// <summary>
/// Which chkconfig the native engine behaves as: the one CentOS 5 ships (1.3.30), the one
/// CentOS 6 ships (1.3.49), or current upstream (1.33, what the engine was built from).
/// <see cref="ChkconfigRules"/> says what each of them does differently.
/// </summary>
public enum ChkconfigDialect
{
    Current,
    El6,
    El5,
}

public static class ChkconfigDialectNames
{
    /// <summary>The word used by --compat, CHKCONFIG_COMPAT and records: "el5", "el6", "current".</summary>
    public static string Name(this ChkconfigDialect dialect) => dialect switch
    {
        ChkconfigDialect.El5 => "el5",
        ChkconfigDialect.El6 => "el6",
        _ => "current",
    };

    /// <summary>The upstream release the dialect follows.</summary>
    public static string UpstreamVersion(this ChkconfigDialect dialect) => dialect switch
    {
        ChkconfigDialect.El5 => "1.3.30.2",
        ChkconfigDialect.El6 => "1.3.49.5",
        _ => "1.33",
    };

    /// <summary>"el5", "el6" or "current" (any case); false for anything else, "auto" included.</summary>
    public static bool TryParse(string? word, out ChkconfigDialect dialect)
    {
        foreach (var d in Enum.GetValues<ChkconfigDialect>())
        {
            if (!string.Equals(word, d.Name(), StringComparison.OrdinalIgnoreCase)) continue;
            dialect = d;
            return true;
        }
        dialect = ChkconfigDialect.Current;
        return false;
    }
}
