using Personality.Native;

namespace Personality.Apply.Mounts;

/// <summary>
/// The one bind mount: bind, then make it a slave and restrict it as asked; if any later call
/// fails the bind is detached again (never a half-made bind), and the mount table is refreshed
/// either way.
/// </summary>
public static class Binder
{
    public static void Bind(MountTable mounts, string hostSource, string hostTarget, bool slave, bool nosuidNodev)
    {
        MountCalls.Mount(hostSource, hostTarget, null, MountCalls.MS_BIND, null);
        try
        {
            // A bind keeps its source mount's flags; a config volume's source gets nosuid,nodev for certain.
            if (nosuidNodev)
                MountCalls.Mount(null, hostTarget, null, MountCalls.MS_REMOUNT | MountCalls.MS_BIND | MountCalls.MS_NOSUID | MountCalls.MS_NODEV, null);
            if (slave) MountCalls.Mount(null, hostTarget, null, MountCalls.MS_SLAVE, null);
        }
        catch (NativeException)
        {
            try { MountCalls.Unmount(hostTarget, MountCalls.MNT_DETACH); } catch (NativeException) { }
            mounts.Invalidate();
            throw;
        }
        mounts.RecordBind(hostSource, hostTarget);
    }
}
