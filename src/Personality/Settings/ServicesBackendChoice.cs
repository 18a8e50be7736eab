namespace Personality.Settings;

/// <summary>SERVICES_BACKEND: who changes services at boot.</summary>
public enum ServicesBackendChoice
{
    /// <summary>The guest's /sbin/chkconfig when present (and runnable), else the native engine.</summary>
    Auto,
    /// <summary>Always the native engine.</summary>
    Native,
    /// <summary>Always the guest's /sbin/chkconfig; its absence is an error, never a silent switch.</summary>
    Chkconfig,
}

/// <summary>ON_FAILURE: what boot's exit status says when the run failed.</summary>
public enum FailurePolicy
{
    Continue,
    Halt,
}
