using System.Text.Json;

namespace Personality.IntegrationTests.Harness;

/// <summary>
/// Sets a <see cref="GuestTree"/> up for the personality stage: /etc/sysconfig/personality with the test's
/// own labels and SERVICES_BACKEND=native, the HOST_MOUNT and APP_MOUNT directories, the tree's own
/// /etc/passwd and /etc/group (ids that differ from the machine's, so an owner resolved through the
/// machine's NSS shows up), and a busybox shell for hooks run with chroot.
/// </summary>
public static class PersonalityGuest
{
    public const string HostMount = "/var/lib/personality/host";
    public const string AppMount = "/var/lib/personality/app";

    /// <summary>Ids in the tree's /etc/passwd and /etc/group. "daemon" is uid 1 on the machine, 777 here.</summary>
    public const int DaemonUid = 777, DaemonGid = 778, ApacheUid = 4848, ApacheGid = 4849, MysqlUid = 4927, MysqlGid = 4928;

    public const string Passwd = """
        root:x:0:0:root:/root:/bin/sh
        daemon:x:777:778:daemon:/sbin:/sbin/nologin
        apache:x:4848:4849:Apache:/var/www:/sbin/nologin
        mysql:x:4927:4928:MySQL:/var/lib/mysql:/sbin/nologin

        """;

    public const string Group = """
        root:x:0:
        daemon:x:778:
        apache:x:4849:
        mysql:x:4928:

        """;

    /// <summary>
    /// Writes /etc/sysconfig/personality (HOST_LABEL, APP_LABEL, SERVICES_BACKEND=native, then
    /// <paramref name="extra"/>, which overrides by key), the mount point directories, passwd and group.
    /// </summary>
    public static GuestTree Prepare(GuestTree tree, string hostLabel, string appLabel, params (string Key, string Value)[] extra)
    {
        var values = new List<(string, string)> { ("HOST_LABEL", hostLabel), ("APP_LABEL", appLabel), ("SERVICES_BACKEND", "native") };
        foreach (var (k, v) in extra)
        {
            values.RemoveAll(x => x.Item1 == k);
            values.Add((k, v));
        }
        tree.WriteSysconfig("personality", [.. values]);
        tree.AddDir(HostMount).AddDir(AppMount);
        tree.AddFile("/etc/passwd", Passwd);
        tree.AddFile("/etc/group", Group);
        tree.AddFile("/etc/shadow", "root:$6$tree-shadow-secret:19000:0:99999:7:::\n", "600");
        return tree;
    }

    /// <summary>
    /// Copies the machine's static busybox to TREE/bin/busybox and TREE/bin/sh, with applet links for
    /// what the hooks use, so `chroot TREE /path/hook.sh` with "#!/bin/sh" works.
    /// </summary>
    public static GuestTree InstallShell(GuestTree tree)
    {
        const string busybox = "/bin/busybox";
        if (!File.Exists(busybox) || !Shell.Run("file", ["-L", busybox]).Stdout.Contains("statically linked"))
            throw new InvalidOperationException("hook tests need a static /bin/busybox: apt-get install -y busybox-static");
        tree.AddDir("/bin");
        File.Copy(busybox, tree.HostPath("/bin/busybox"), overwrite: true);
        File.Copy(busybox, tree.HostPath("/bin/sh"), overwrite: true);
        File.SetUnixFileMode(tree.HostPath("/bin/busybox"), (UnixFileMode)Convert.ToInt32("755", 8));
        File.SetUnixFileMode(tree.HostPath("/bin/sh"), (UnixFileMode)Convert.ToInt32("755", 8));
        foreach (var applet in new[] { "echo", "cat", "sleep", "env", "touch", "printf", "ls", "id" })
            tree.AddSymlink("/bin/" + applet, "busybox");
        return tree;
    }

    /// <summary>
    /// Runs a namespace script (the <see cref="BootScript"/> helpers) inside a private UTS namespace as well
    /// (<c>unshare -u</c>), so the hostname step may apply and `hostname` shows what it set.
    /// </summary>
    public static Observations RunWithUts(GuestTree tree, string body, TimeSpan? timeout = null)
    {
        const string wrapper = """
            export -f $FUNCTIONS
            exec unshare -u bash -c "set -uo pipefail
            $BODY"
            """;
        return tree.Run(wrapper, timeout, new Dictionary<string, string> { ["BODY"] = body, ["FUNCTIONS"] = BootScript.Functions });
    }

    /// <summary>The top-level "personality" of a status.json (the app manifest's name), or null.</summary>
    public static string? PersonalityName(StatusJson status)
    {
        using var doc = JsonDocument.Parse(status.Raw);
        return doc.RootElement.TryGetProperty("personality", out var p) && p.ValueKind == JsonValueKind.String ? p.GetString() : null;
    }

    /// <summary>uid:gid and octal mode of a host path (not following a symlink), as stat prints them.</summary>
    public static string OwnerAndMode(string hostPath) => Shell.Check("stat", "-c", "%u:%g %a", hostPath).Stdout.Trim();

    /// <summary>Steps whose origin is in this volume's manifest.</summary>
    public static IReadOnlyList<StatusStep> StepsFrom(BootObservation boot, ConfigVolume volume) =>
        boot.Status.Steps.Where(s => (s.Origin ?? "").StartsWith(volume.OriginFile + ":", StringComparison.Ordinal)).ToList();

    /// <summary>Everything a person reads about one diagnostic.</summary>
    public static string Text(StatusDiagnostic d) => $"{d.Origin} {d.Message} {d.Hint}";

    /// <summary>
    /// The error whose origin is on the manifest line holding <paramref name="needle"/> (any column) and
    /// whose text contains one of <paramref name="anyOf"/> (case-insensitive; none given: any text).
    /// </summary>
    public static StatusDiagnostic ErrorOnLine(BootObservation boot, ConfigVolume volume, string needle, params string[] anyOf)
    {
        var prefix = volume.OriginOfLine(needle);
        var onLine = boot.Status.Errors.Where(e => (e.Origin ?? "").StartsWith(prefix, StringComparison.Ordinal)).ToList();
        Expect.True(onLine.Count > 0,
            $"no error with origin {prefix}COL (the line '{needle.Trim()}'); errors:\n  {string.Join("\n  ", boot.Status.Errors)}", boot);
        var match = onLine.FirstOrDefault(e => anyOf.Length == 0 || anyOf.Any(f => Text(e).Contains(f, StringComparison.OrdinalIgnoreCase)));
        Expect.True(match is not null,
            $"the errors at {prefix} say none of [{string.Join(", ", anyOf)}]:\n  {string.Join("\n  ", onLine)}", boot);
        return match!;
    }

    /// <summary>No step at all (any stage, any result) has this target.</summary>
    public static void NoStepFor(BootObservation boot, string target) =>
        Expect.True(boot.Status.Steps.All(s => s.Target != target && s.Source != target),
            $"expected no step for {target}:\n  {string.Join("\n  ", boot.Status.Steps.Where(s => s.Target == target || s.Source == target))}", boot);

    /// <summary>The step of a stage and action with this target (any result), or a failure listing the stage.</summary>
    public static StatusStep StageStep(BootObservation boot, string stage, string action, string target)
    {
        var s = boot.Status.Steps.FirstOrDefault(x => x.Stage == stage && x.Action == action && x.Target == target);
        Expect.True(s is not null,
            $"no step [{stage}] {action} {target}; steps of stage {stage}:\n  {string.Join("\n  ", boot.Status.Steps.Where(x => x.Stage == stage))}", boot);
        return s!;
    }
}
