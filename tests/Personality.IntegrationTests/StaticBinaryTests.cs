using Personality.IntegrationTests.Harness;
using Xunit;
using Xunit.Abstractions;

namespace Personality.IntegrationTests;

/// <summary>
/// The binary is static: it runs in a chroot that holds nothing but itself (no libc, no loader, no
/// /proc, /sys or /dev), as it must early in boot, and says what is missing instead of crashing.
/// </summary>
[Collection("root")]
public sealed class StaticBinaryTests(ITestOutputHelper output)
{
    private const string StatusGuestPath = "var/run/personality/status.json";

    [Fact]
    public void FileSaysStaticallyLinked()
    {
        var r = Shell.Run("file", ["-L", RepoPaths.Binary]);
        Assert.True(r.ExitCode == 0, r.ToString());
        Assert.True(r.Stdout.Contains("statically linked", StringComparison.Ordinal), "file(1) does not call the binary static:\n" + r);
        Assert.DoesNotContain("dynamically linked", r.Stdout);
        Assert.DoesNotContain("interpreter", r.Stdout); // a static-pie would still name no interpreter
    }

    [Fact]
    public void VersionRunsInAChrootHoldingOnlyTheBinary()
    {
        using var dir = EmptyRootWithBinary();
        var r = Shell.Run("chroot", [dir.Path, "/personality", "--version"]);
        output.WriteLine(r.ToString());
        Assert.True(r.ExitCode == 0, "--version failed in a chroot with nothing but the binary:\n" + r);
        Assert.Matches(@"^personality \S+\n?$", r.Stdout);
        Assert.Equal("", r.Stderr);
        Assert.Equal(["personality"], Directory.EnumerateFileSystemEntries(dir.Path).Select(Path.GetFileName)); // it created nothing
    }

    [Fact]
    public void BootInAnEmptyChrootSaysNothingToSetUpAndWritesTheRecord()
    {
        using var dir = EmptyRootWithBinary();
        var r = BootInChroot(dir.Path);
        Assert.True(r.ExitCode == BootExitContract.NotWanted, "READONLY off: boot must exit 12 (nothing to set up):\n" + r);
        var status = ReadStatus(dir.Path, r);
        Assert.True(status.SchemaVersion == 1 && status.Command == "boot" && status.Root == "/", "record header:\n" + status);
        // READONLY defaults to no (Red Hat): nothing to do, so nothing fails and no volume is looked for.
        Assert.True(status.Errors.Count == 0, "errors in an empty root with read-only root off:\n" + status);
        Assert.Empty(status.Steps);
        Assert.Equal("no", status.Setting("READONLY"));
    }

    [Fact]
    public void ReadOnlyRootInAChrootWithoutProcOrSysWarnsAboutSysfsAndFailsTheMountAskingForProc()
    {
        using var dir = EmptyRootWithBinary();
        Directory.CreateDirectory(Path.Combine(dir.Path, "etc", "sysconfig"));
        File.WriteAllText(Path.Combine(dir.Path, "etc", "sysconfig", "readonly-root"), "READONLY=yes\n");
        File.WriteAllText(Path.Combine(dir.Path, "etc", "rwtab"), "files /var/lib/app\n");
        Directory.CreateDirectory(Path.Combine(dir.Path, "var", "lib", "app"));
        File.WriteAllText(Path.Combine(dir.Path, "var", "lib", "app", "a.conf"), "a\n");
        Directory.CreateDirectory(Path.Combine(dir.Path, GuestTree.RwMount.TrimStart('/')));
        Assert.False(Directory.Exists(Path.Combine(dir.Path, "proc")) || Directory.Exists(Path.Combine(dir.Path, "sys")));

        var r = BootInChroot(dir.Path);
        Assert.True(r.ExitCode == BootExitContract.NotSetUp, "no scratch area: boot must exit 11 (not set up), not crash:\n" + r);
        var status = ReadStatus(dir.Path, r);
        Assert.Equal("yes", status.Setting("READONLY"));

        Assert.True(status.Warnings.Any(w => Mentions(w, "/sys") || Mentions(w, "sysfs")),
            "no warning says sysfs (/sys) is missing:\n" + status);
        var failed = status.Steps.Where(s => s.Result == "failed").ToList();
        Assert.True(failed.Count > 0, "no failed step although /proc/self/mountinfo cannot be read:\n" + status);
        Assert.True(failed.Any(s => (s.Detail ?? "").Contains("mount /proc", StringComparison.Ordinal)),
            "no failed step says to mount /proc:\n  " + string.Join("\n  ", failed));
        Assert.NotEqual("applied", status.Result);
        Assert.True(status.Errors.Count > 0, "a failed step must be an error:\n" + status);
        // Nothing half-done: the bind that needed the scratch area did not happen, and the tree is intact.
        Assert.DoesNotContain(status.Steps, s => s.Action == "bind" && s.Result == "applied");
        Assert.Equal("a\n", File.ReadAllText(Path.Combine(dir.Path, "var", "lib", "app", "a.conf")));
    }

    private static bool Mentions(StatusDiagnostic d, string what) =>
        d.Message.Contains(what, StringComparison.Ordinal) || (d.Hint ?? "").Contains(what, StringComparison.Ordinal);

    private static TempDir EmptyRootWithBinary()
    {
        RequireRoot.Check();
        var dir = new TempDir("chroot");
        try
        {
            var target = Path.Combine(dir.Path, "personality");
            File.Copy(RepoPaths.Binary, target);
            File.SetUnixFileMode(target, (UnixFileMode)Convert.ToInt32("755", 8));
            return dir;
        }
        catch
        {
            dir.Dispose();
            throw;
        }
    }

    // Exactly the command of a guest's early boot, in a private mount namespace so that nothing leaks.
    private ProcessResult BootInChroot(string dir)
    {
        var r = Shell.Run("unshare", ["-m", "--propagation", "private", "chroot", dir, "/personality", "boot"], timeout: TimeSpan.FromSeconds(60));
        output.WriteLine(r.ToString());
        return r;
    }

    private StatusJson ReadStatus(string dir, ProcessResult run)
    {
        var path = Path.Combine(dir, StatusGuestPath);
        Assert.True(File.Exists(path), $"no {StatusGuestPath} in the chroot:\n{run}");
        var text = File.ReadAllText(path);
        output.WriteLine(text);
        return StatusJson.Parse(text);
    }
}
