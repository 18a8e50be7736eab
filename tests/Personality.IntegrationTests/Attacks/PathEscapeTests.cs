using Personality.IntegrationTests.Harness;
using Xunit;

namespace Personality.IntegrationTests.Attacks;

/// <summary>
/// Config volumes are hostile input (DESIGN.md, "Safety"): no path of theirs may escape the volume or the
/// tree, the ownership policy is judged on the path a write really lands on (after the image's symlinks),
/// what they mount is nosuid,nodev, copies lose set-user-ID and set-group-ID bits, and a hook cannot reach
/// the machine outside the tree. "Outside" is a host directory beside the tree and the volumes
/// (<see cref="OutsideDir"/>): it must be byte-identical afterwards, and never bound or mounted.
/// </summary>
[Collection("root")]
public sealed class PathEscapeTests
{
    // Notes the device:inode the namespace sees at a tree path and at the outside directory (and x inside it).
    private const string NoteInodes = """
        note seen "$([ -n "$SEEN" ] && stat -L -c %d:%i "$ROOT$SEEN" 2>/dev/null)"
        note outside "$(stat -c %d:%i "$OUTSIDE") $(stat -c %d:%i "$OUTSIDE/x") $(stat -c %d:%i "$OUTSIDE/lib/web" 2>/dev/null)"
        """;

    private static GuestTree AppTree(string name, string appLabel)
    {
        var tree = GuestTree.Create(name);
        PersonalityGuest.Prepare(tree, ConfigLabels.Host(), appLabel);
        return tree;
    }

    /// <summary>Boots once and notes the inodes; <paramref name="seen"/> is null when the tree path is itself a
    /// link to the outside (a mount point through it), so that its inode says nothing.</summary>
    private static Observations Boot(GuestTree tree, OutsideDir outside, string? seen) =>
        tree.Run("SEEN=" + Shell.Quote(seen ?? "") + "\nOUTSIDE=" + Shell.Quote(outside.Path) + "\nboot 1 ''\n" + NoteInodes);

    /// <summary>The outside directory is unchanged, nothing is mounted in it, and the tree path is not it.</summary>
    private static void OutsideUntouched(Observations obs, BootObservation boot, OutsideDir outside, string guestPath)
    {
        var changes = outside.Changes();
        Expect.True(changes == "", $"the directory outside the tree changed:\n{changes}", boot);
        var mountsThere = outside.MountsIn(boot.Mounts);
        Expect.True(mountsThere.Count == 0, "mounts in the directory outside the tree:\n  " + string.Join("\n  ", mountsThere), boot);
        var seen = obs.Note("seen");
        var outsideInodes = obs.Note("outside").Split(' ', StringSplitOptions.RemoveEmptyEntries);
        Expect.True(seen == "" || !outsideInodes.Contains(seen),
            $"{guestPath} in the tree is the directory outside it (device:inode {seen}): it was bound from there", boot);
    }

    /// <summary>No step with this target (and action, when given) was applied or found already in place.</summary>
    private static void NotDone(BootObservation boot, string target, string? action = null)
    {
        var done = boot.Status.Steps.Where(s => s.Target == target && (action is null || s.Action == action) && s.Result is "applied" or "unchanged").ToList();
        Expect.True(done.Count == 0, $"steps done for {target}:\n  {string.Join("\n  ", done)}", boot);
    }

    // a. The app volume's state/ tree leads outside: a symlink at the state path itself (absolute, or
    //    climbing with ..), or at a parent of it (the first-use copy would then write outside).
    [Theory]
    [InlineData("leaf-absolute")]
    [InlineData("leaf-climbing")]
    [InlineData("parent-absolute")]
    public void AStateSymlinkOnTheVolumeIsNeitherCopiedIntoNorBoundFrom(string kind)
    {
        var appLabel = ConfigLabels.App();
        using var outside = new OutsideDir();
        using var tree = AppTree("esc-state-" + kind, appLabel);
        tree.AddDir("/var/lib/web").AddFile("/var/lib/web/sessions", "from the image\n");
        using var app = new ConfigVolume(appLabel).Manifest("version: 1\nrole: app\npersonality: web\nstate: [/var/lib/web]\n");
        _ = kind switch
        {
            "leaf-absolute" => app.Symlink("state/var/lib/web", outside.Path),
            "leaf-climbing" => app.Symlink("state/var/lib/web", outside.ClimbingLink(24)),
            _ => app.Symlink("state/var", outside.Path),
        };
        app.Attach();

        var obs = Boot(tree, outside, "/var/lib/web");
        var boot = obs.Boot(1);
        Expect.Booted(boot, tree);
        OutsideUntouched(obs, boot, outside, "/var/lib/web");
        NotDone(boot, "/var/lib/web", "bind");
        PersonalityGuest.ErrorOnLine(boot, app, "state: [/var/lib/web]");
    }

    // b. A state path that is an image symlink to /etc: the bind would cover /etc/shadow.
    [Fact]
    public void AStatePathThatIsAnImageSymlinkToEtcIsRefusedByTheOwnershipPolicy()
    {
        var appLabel = ConfigLabels.App();
        using var tree = AppTree("esc-state-etc", appLabel);
        tree.AddDir("/var/lib").AddSymlink("/var/lib/web", "/etc");
        using var app = new ConfigVolume(appLabel).Manifest("version: 1\nrole: app\npersonality: web\nstate: [/var/lib/web]\n").Attach();

        var obs = tree.Run("boot 1 ''");
        var boot = obs.Boot(1);
        Expect.Booted(boot, tree);
        Expect.NoMountAt(boot, tree, "/etc");
        Expect.NoMountAt(boot, tree, "/var/lib/web");
        NotDone(boot, "/etc");
        PersonalityGuest.ErrorOnLine(boot, app, "state: [/var/lib/web]");
        // Refused before anything changed: the image's /etc (and its shadow) was not copied onto the volume either.
        Assert.Null(app.Volume.ReadFile("state/etc/shadow"));
    }

    // c. A mount point reached through an image symlink that leads to a host directory.
    [Fact]
    public void AMountThroughAnImageSymlinkToAHostDirectoryIsNotMadeOutsideTheTree()
    {
        var appLabel = ConfigLabels.App();
        var otherLabel = ConfigLabels.Other();
        using var outside = new OutsideDir();
        using var tree = AppTree("esc-mount-link", appLabel);
        tree.AddDir("/opt").AddSymlink("/opt/web", outside.Path);
        using var other = LoopVolume.Create(FsType.Ext4, otherLabel);
        using var app = new ConfigVolume(appLabel).Manifest($"""
            version: 1
            role: app
            personality: web
            mounts:
              - label: {otherLabel}
                path: /opt/web

            """).Attach();

        var obs = Boot(tree, outside, seen: null);
        var boot = obs.Boot(1);
        Expect.Booted(boot, tree);
        OutsideUntouched(obs, boot, outside, "/opt/web");
        MountedOnlyInTheTree(boot, tree, other);
    }

    // c (bis). The symlink is on a volume mounted by an earlier item: /opt/a/sub leads outside once A is
    // mounted on /opt/a, so a path checked before that mount no longer holds when B is mounted.
    [Fact]
    public void AMountThroughASymlinkOnAnEarlierMountIsNotMadeOutsideTheTree()
    {
        var appLabel = ConfigLabels.App();
        var labelA = ConfigLabels.Other();
        var labelB = ConfigLabels.Other();
        using var outside = new OutsideDir();
        using var tree = AppTree("esc-mount-nested", appLabel);
        tree.AddDir("/opt").AddDir("/opt/a").AddDir("/opt/a/sub").AddDir("/opt/a/sub/x");
        using var contentA = new TempDir("esc-volume-a");
        File.CreateSymbolicLink(Path.Combine(contentA.Path, "sub"), outside.Path);
        using var volumeA = LoopVolume.Create(FsType.Ext4, labelA, populateFrom: contentA.Path);
        using var volumeB = LoopVolume.Create(FsType.Ext4, labelB);
        using var app = new ConfigVolume(appLabel).Manifest($"""
            version: 1
            role: app
            personality: web
            mounts:
              - label: {labelA}
                path: /opt/a
              - label: {labelB}
                path: /opt/a/sub/x

            """).Attach();

        var obs = Boot(tree, outside, seen: null);
        var boot = obs.Boot(1);
        Expect.Booted(boot, tree);
        OutsideUntouched(obs, boot, outside, "/opt/a/sub/x");
        MountedOnlyInTheTree(boot, tree, volumeB);
    }

    // d. The app role mounting over a host-owned path, directly or through an image symlink.
    [Theory]
    [InlineData("/etc/hosts", null)]
    [InlineData("/opt/ssh", "/etc/ssh")] // /opt/ssh -> /etc/ssh in the image
    public void AnAppMountOverAHostOwnedPathIsAnOwnershipError(string path, string? linkTo)
    {
        var appLabel = ConfigLabels.App();
        var otherLabel = ConfigLabels.Other();
        using var tree = AppTree("esc-mount-host", appLabel);
        tree.AddFile("/etc/hosts", "127.0.0.1 localhost\n").AddDir("/etc/ssh").AddFile("/etc/ssh/sshd_config", "# image\n");
        if (linkTo is not null)
            tree.AddDir("/opt").AddSymlink(path, linkTo);
        using var other = LoopVolume.Create(FsType.Ext4, otherLabel);
        using var app = new ConfigVolume(appLabel).Manifest($"""
            version: 1
            role: app
            personality: web
            mounts:
              - label: {otherLabel}
                path: {path}

            """).Attach();

        var obs = tree.Run("boot 1 ''");
        var boot = obs.Boot(1);
        Expect.Booted(boot, tree);
        var real = linkTo ?? path;
        Expect.NoMountAt(boot, tree, real);
        Expect.NoMountAt(boot, tree, path);
        Expect.True(boot.Mounts.All(m => m.Source != other.Device), $"{other} is mounted:\n{Expect.MountsBelow(boot, tree)}", boot);
        NotDone(boot, path, "mount");
        NotDone(boot, real, "mount");
        PersonalityGuest.ErrorOnLine(boot, app, "- label: " + otherLabel);
    }

    // e. A file's destination reached through an image symlink into /boot, which nobody may touch.
    [Fact]
    public void AFileWrittenThroughAnImageSymlinkIntoBootIsRefused()
    {
        var appLabel = ConfigLabels.App();
        using var tree = AppTree("esc-file-boot", appLabel);
        tree.AddDir("/boot").AddFile("/boot/grub.conf", "default=0\n").AddSymlink("/etc/web", "/boot");
        using var app = new ConfigVolume(appLabel).Manifest("""
            version: 1
            role: app
            personality: web
            files:
              - path: /etc/web/grub.conf
                source: files/grub.conf

            """).File("files/grub.conf", "default=evil\n").Attach();

        var obs = tree.Run("boot 1 ''");
        var boot = obs.Boot(1);
        Expect.Booted(boot, tree);
        Assert.Equal("default=0\n", File.ReadAllText(tree.HostPath("/boot/grub.conf")));
        NotDone(boot, "/etc/web/grub.conf");
        NotDone(boot, "/boot/grub.conf");
        PersonalityGuest.ErrorOnLine(boot, app, "- path: /etc/web/grub.conf");
    }

    // f. What a config volume mounts is nosuid,nodev: by default, and whatever its options ask.
    [Theory]
    [InlineData(null)]
    [InlineData("[suid]")]
    [InlineData("[dev]")]
    [InlineData("[rw, suid, dev]")]
    public void AManifestMountIsNosuidNodevWhateverItsOptionsSay(string? options)
    {
        var appLabel = ConfigLabels.App();
        var otherLabel = ConfigLabels.Other();
        using var tree = AppTree("esc-mount-opts", appLabel);
        tree.AddDir("/opt/web");
        using var other = LoopVolume.Create(FsType.Ext4, otherLabel);
        var optionsLine = options is null ? "" : $"    options: {options}\n";
        using var app = new ConfigVolume(appLabel)
            .Manifest($"version: 1\nrole: app\npersonality: web\nmounts:\n  - label: {otherLabel}\n    path: /opt/web\n{optionsLine}")
            .Attach();

        var obs = tree.Run("boot 1 ''");
        var boot = obs.Boot(1);
        Expect.Booted(boot, tree);
        var at = boot.Mounts.Where(m => m.MountPoint == tree.HostPath("/opt/web")).ToList();
        if (options is null)
            Expect.True(at.Count == 1, $"/opt/web is not mounted:\n{Expect.MountsBelow(boot, tree)}", boot);
        if (at.Count == 0)
        {
            PersonalityGuest.ErrorOnLine(boot, app, "- label: " + otherLabel); // refused: say so
            return;
        }
        var flags = at[^1].Options.Split(',');
        Expect.True(flags.Contains("nosuid") && flags.Contains("nodev"),
            $"/opt/web is mounted with {at[^1].Options} (options {options ?? "none"}), expected nosuid and nodev", boot);
    }

    // g. A copied file keeps its mode when the manifest gives none, but never set-user-ID or set-group-ID.
    [Theory]
    [InlineData("4755")]
    [InlineData("2755")]
    [InlineData("6755")]
    public void ACopiedFileLosesSetuidAndSetgidBits(string sourceMode)
    {
        var appLabel = ConfigLabels.App();
        using var tree = AppTree("esc-setuid", appLabel);
        tree.AddDir("/etc/web");
        using var app = new ConfigVolume(appLabel).Manifest("""
            version: 1
            role: app
            personality: web
            files:
              - path: /etc/web/tool
                source: files/tool
                how: copy

            """).File("files/tool", "#!/bin/sh\necho tool\n");
        // Set after ConfigVolume.File's chown, which clears set-user/group-ID bits.
        File.SetUnixFileMode(Path.Combine(app.Dir, "files/tool"), (UnixFileMode)Convert.ToInt32(sourceMode, 8));
        app.Attach();
        // The volume really holds the bits (mkfs -d kept them): otherwise this would prove nothing.
        Assert.Equal(sourceMode, app.Volume.WithMounted(readOnly: true, "stat -c %04a \"$MNT/files/tool\"").Trim());

        var obs = tree.Run("boot 1 ''");
        var boot = obs.Boot(1);
        Expect.Booted(boot, tree);
        Expect.Step(boot, "/etc/web/tool", "file-copy", "applied", app.OriginFile, app.Line("- path: /etc/web/tool"));
        var mode = (int)File.GetUnixFileMode(tree.HostPath("/etc/web/tool"));
        Expect.True((mode & 0xC00) == 0, $"/etc/web/tool was placed with mode {Convert.ToString(mode, 8)} from a {sourceMode} source: set-user/group-ID kept", boot);
    }

    // h. A hook runs as root chrooted into the tree: it must not reach the machine's files, whether by the
    //    absolute host path, through /proc/PID/root of a process outside the chroot, or by the classic
    //    chroot-in-a-chroot and climbing out with "..".
    [Fact]
    public void AHookCannotWriteOutsideTheTree()
    {
        var appLabel = ConfigLabels.App();
        using var outside = new OutsideDir();
        using var tree = AppTree("esc-hook", appLabel);
        PersonalityGuest.InstallShell(tree);
        var o = outside.Path;
        using var app = new ConfigVolume(appLabel).Manifest("""
            version: 1
            role: app
            personality: web
            hooks:
              - run: hooks/10-escape.sh
                timeout: 20s

            """).Hook("hooks/10-escape.sh", $"""
            echo direct > '{o}/marker-direct'
            busybox mkdir -p /proc && busybox mount -t proc proc /proc
            echo pid1 > '/proc/1/root{o}/marker-pid1'
            echo parent > "/proc/$PPID/root{o}/marker-parent"
            busybox umount /proc
            busybox mkdir -p /esc/bin && busybox cp /bin/busybox /esc/bin/busybox
            cd /esc && busybox chroot /esc /bin/busybox sh -c 'cd ../../../../../../../../../..; echo chroot > ./{o.TrimStart('/')}/marker-chroot'
            exit 0
            """).Attach();

        var obs = tree.Run(AttackScript.Compose("boot 1 ''\nleftovers left"));
        var boot = obs.Boot(1);
        Expect.Booted(boot, tree);
        PersonalityGuest.StageStep(boot, "hooks", "hook", PersonalityGuest.AppMount + "/hooks/10-escape.sh");
        var markers = Directory.EnumerateFiles(outside.Path, "marker-*").Select(Path.GetFileName).ToList();
        Expect.True(markers.Count == 0, $"the hook wrote outside the tree: {string.Join(", ", markers)}", boot);
        Expect.True(outside.Changes() == "", $"the directory outside the tree changed:\n{outside.Changes()}", boot);
        Expect.True(obs.Note("left").Trim() == "", $"processes left in the tree: {obs.Note("left")}", boot);
    }

    /// <summary>A volume a manifest mounts appears only at mount points inside the tree.</summary>
    private static void MountedOnlyInTheTree(BootObservation boot, GuestTree tree, LoopVolume volume)
    {
        var elsewhere = boot.Mounts.Where(m => m.Source == volume.Device && !m.MountPoint.StartsWith(tree.Root + "/", StringComparison.Ordinal)).ToList();
        Expect.True(elsewhere.Count == 0, $"{volume} is mounted outside the tree:\n  {string.Join("\n  ", elsewhere)}", boot);
    }
}
