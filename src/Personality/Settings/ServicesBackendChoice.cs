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

/// <summary>ON_FAILURE: whether boot's exit status asks the caller to stop the boot when the run failed.</summary>
public enum FailurePolicy
{
    Continue,
    Halt,
}
