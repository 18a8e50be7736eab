using Personality.IntegrationTests.Harness;
using Xunit;

namespace Personality.IntegrationTests;

/// <summary>
/// The bundled sample guest (tests/sample-guest/build.sh) through every command, and broken variants
/// of it: validate and dry-run catch the breakage before boot, status reports it after.
/// </summary>
[Collection("root")]
public sealed class SampleGuestTests
{
    private static readonly string[] Volumes = ["sample-rw", "sample-st", "sample-host", "sample-app"];

    private sealed class SampleGuest : IDisposable
    {
        private readonly TempDir _dir = new("sample");
        private readonly FirstBootPlan _plan;

        public SampleGuest(string? broken)
        {
            _plan = new FirstBootPlan(Path.Combine(_dir.Path, "first-boot-planned"));
            var env = new Dictionary<string, string> { ["BIN"] = RepoPaths.Binary, ["BROKEN"] = broken ?? "" };
            var r = Shell.Run("bash", [Path.Combine(RepoPaths.Root, "tests/sample-guest/build.sh"), Path.Combine(_dir.Path, "guest")], env);
            if (r.ExitCode != 0) throw new InvalidOperationException("build.sh failed:\n" + r);
        }

        public string Root => Path.Combine(_dir.Path, "guest/root");
        public string Image(string label) => Path.Combine(_dir.Path, $"guest/volumes/{label}.img");
        public string[] VolumeArguments => Volumes.SelectMany(l => new[] { "--volume", $"{l}={Image(l)}" }).ToArray();

        /// <summary>
        /// Attaches the volumes, boots in private mount and UTS namespaces, runs status; detaches. The boot is
        /// planned with dry-run first and must do what was planned, as every harness boot (<see cref="FirstBootPlan"/>).
        /// </summary>
        public (ProcessResult Boot, ProcessResult Status) BootThenStatus()
        {
            var loops = new List<string>();
            try
            {
                foreach (var label in Volumes)
                {
                    loops.Add(Shell.Check("losetup", "--find", "--show", Image(label)).Stdout.Trim());
                    AttachedImages.Add(new AttachedImage(label, Image(label), loops[^1], FsType.Ext4, ReadOnly: false, Edited: false));
                }
                var script = BootScript.Compose("""
                    boot 1 readonlyroot
                    "$PERSONALITY_BIN" status --root "$ROOT" > "$OUT/status.out" 2>&1; echo $? > "$OUT/status.exit"
                    """);
                var outDir = _dir.Sub("obs");
                var env = new Dictionary<string, string>(_plan.Environment())
                {
                    ["ROOT"] = Root, ["OUT"] = outDir, ["PERSONALITY_BIN"] = RepoPaths.Binary,
                };
                var r = Shell.Run("unshare", ["-m", "-u", "--propagation", "private", "bash", "-c", script], env);
                if (r.ExitCode != 0) throw new InvalidOperationException("namespace script failed:\n" + r);
                var obs = new Observations(outDir, r);
                _plan.Check(obs);
                var boot = obs.Boot(1);
                return (new ProcessResult("boot", boot.ExitCode, boot.Stdout + boot.Stderr, "", TimeSpan.Zero),
                    new ProcessResult("status", int.Parse(File.ReadAllText(Path.Combine(outDir, "status.exit"))),
                        File.ReadAllText(Path.Combine(outDir, "status.out")), "", TimeSpan.Zero));
            }
            finally
            {
                foreach (var label in Volumes) AttachedImages.Remove(Image(label));
                foreach (var loop in loops) Shell.Run("losetup", ["-d", loop]);
            }
        }

        public void Dispose() => _dir.Dispose();
    }

    private static ProcessResult Personality(params string[] args) => Shell.Run(RepoPaths.Binary, args);

    [Fact]
    public void TheSampleGuestValidatesPlansBootsAndReportsApplied()
    {
        using var guest = new SampleGuest(null);
        var validate = Personality("validate", guest.Root + "/etc/rwtab", guest.Root + "/etc/rwtab.d/sample",
            guest.Root + "/etc/statetab", guest.Root + "/etc/sysconfig/readonly-root", guest.Root + "/etc/sysconfig/personality");
        Assert.True(validate.ExitCode == 0, validate.ToString());

        var plan = Personality(["dry-run", "--root", guest.Root, "--cmdline", "readonlyroot", .. guest.VolumeArguments]);
        Assert.True(plan.ExitCode == 0, plan.ToString());
        Assert.Contains("(personality web)", plan.Stdout);
        Assert.Contains("hostname sample-web01", plan.Stdout);
        Assert.Contains("service-on httpd levels 345 (native, el6) (chkconfig rules of el6, chkconfig 1.3.49.5 (from /etc/redhat-release: CentOS release 6.10 (Final))", plan.Stdout);

        var (boot, status) = guest.BootThenStatus();
        Assert.True(boot.ExitCode == 0, boot.ToString());
        Assert.True(status.ExitCode == 0, status.ToString());
        Assert.StartsWith("personality: applied", status.Stdout);
        Assert.Contains("personality  web", status.Stdout);
    }

    [Fact]
    public void ABrokenManifestIsCaughtByDryRunAndReportedFailedByStatus()
    {
        using var guest = new SampleGuest("manifest");
        var plan = Personality(["dry-run", "--root", guest.Root, "--cmdline", "readonlyroot", .. guest.VolumeArguments]);
        Assert.Equal(1, plan.ExitCode);
        Assert.Contains("sample-app:personality.yaml:10:1: unknown key 'servics' (did you mean 'services'?)", plan.Stdout);

        var (boot, status) = guest.BootThenStatus();
        Assert.Equal(0, boot.ExitCode);
        Assert.Equal(2, status.ExitCode);
        Assert.StartsWith("personality: failed", status.Stdout);
        Assert.Contains("unknown key 'servics'", status.Stdout);
    }

    [Fact]
    public void ABrokenRwtabLineIsCaughtByValidateAndReportedDegradedByStatus()
    {
        using var guest = new SampleGuest("rwtab");
        var validate = Personality("validate", guest.Root + "/etc/rwtab.d/sample");
        Assert.Equal(1, validate.ExitCode);
        Assert.Contains("/etc/rwtab.d/sample:4:1: error: unknown rwtab type 'emtpy'", validate.Stdout);

        var (boot, status) = guest.BootThenStatus();
        Assert.Equal(0, boot.ExitCode);
        Assert.Equal(1, status.ExitCode);
        Assert.StartsWith("personality: degraded", status.Stdout);
    }
}
