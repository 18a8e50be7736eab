using Personality.Core;

namespace Personality.Services;

/// <summary>Chooses the backend for a target root, and tells the boot pipeline which directories it writes.</summary>
public static class ServiceBackends
{
    /// <summary>
    /// The guest's own chkconfig when ROOT/sbin/chkconfig exists and can be run there (the root
    /// is "/", or this process may chroot), unless <paramref name="preferGuest"/> is false;
    /// otherwise the native engine.
    /// </summary>
    public static IServiceBackend For(TargetRoot root, bool preferGuest = true)
    {
        if (preferGuest && HasGuestChkconfig(root) && (root.IsLive || Environment.IsPrivilegedProcess))
            return new GuestChkconfigBackend(root);
        return new NativeServiceBackend(root);
    }

    public static bool HasGuestChkconfig(TargetRoot root) =>
        new RootedResolver(root).Resolve(GuestChkconfigBackend.GuestPath, out _) is { } path && File.Exists(root.Host(path));

    /// <summary>
    /// Resolved guest paths of the rc0.d..rc6.d directories that exist (/etc/rc.d/rc3.d, or
    /// where /etc/rc3.d leads): what must be writable before services are changed.
    /// </summary>
    public static IReadOnlyList<string> LinkDirectories(TargetRoot root) => new ServiceLayout(root).ExistingRcDirectories();
}
