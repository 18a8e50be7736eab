namespace Personality.IntegrationTests.Harness;

/// <summary>These tests need root (loop devices, mount namespaces): fail loudly, never skip silently.</summary>
public static class RequireRoot
{
    public static void Check()
    {
        if (!Environment.IsPrivilegedProcess)
            throw new InvalidOperationException(
                "integration tests must run as root: they attach loop devices and run the binary in private mount namespaces (unshare -m)");
    }
}
