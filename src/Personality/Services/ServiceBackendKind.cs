namespace Personality.Services;

/// <summary>Which program changes services: the native engine, or the guest's own /sbin/chkconfig.</summary>
public enum ServiceBackendKind
{
    Native,
    GuestChkconfig,
}

public static class ServiceBackendKinds
{
    /// <summary>The name used in records and output ("native", "chkconfig").</summary>
    public static string Name(this ServiceBackendKind kind) => kind == ServiceBackendKind.Native ? "native" : "chkconfig";
}
