using Personality.Native;

namespace Personality.Tests.Native;

/// <summary>A minimal guest root: a static busybox as /bin/sh and a few applets, nothing of the host.</summary>
internal static class BusyboxTree
{
    private const string Busybox = "/bin/busybox";
    private static readonly string[] Applets = ["sh", "echo", "cat", "ls", "mkdir", "cp", "chroot", "mount", "dirname", "touch"];

    public static void Install(string root)
    {
        if (!File.Exists(Busybox))
            throw new InvalidOperationException("guest process tests need a static /bin/busybox: apt-get install -y busybox-static");
        Directory.CreateDirectory(Path.Combine(root, "bin"));
        var target = Path.Combine(root, "bin/busybox");
        File.Copy(Busybox, target, overwrite: true);
        FileCalls.Chmod(target, Convert.ToUInt32("755", 8));
        foreach (var applet in Applets) File.CreateSymbolicLink(Path.Combine(root, "bin", applet), "busybox");
    }
}
