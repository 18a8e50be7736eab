namespace Personality.Settings;

/// <summary>CHKCONFIG_COMPAT: which chkconfig the native engine and dry-run behave as.</summary>
public enum ChkconfigCompatChoice
{
    /// <summary>The tree's own, from its release file (/etc/redhat-release: release 5, release 6, else current).</summary>
    Auto,
    /// <summary>CentOS 5's chkconfig 1.3.30.</summary>
    El5,
    /// <summary>CentOS 6's chkconfig 1.3.49.</summary>
    El6,
    /// <summary>Current upstream chkconfig (1.33).</summary>
    Current,
}
