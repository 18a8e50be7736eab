using System.Text.Json;
using Personality.IntegrationTests.Harness;
using Xunit;

namespace Personality.IntegrationTests;

/// <summary>
/// `personality status` on the published binary, after real boots in private mount namespaces: the
/// verdict and its exit code, the volumes table, drift after an unmount, the JSON shape, and --wait.
/// </summary>
[Collection("root")]
public sealed class StatusTests
{
    // st N ARGS...: run `status --root $ROOT ARGS...`; keep stdout, stderr, exit code and wall ms as stN.*.
    private const string Helpers = """
        st() {
          local n=$1 t0 t1; shift
          t0=$(date +%s%N)
          timeout 60 "$PERSONALITY_BIN" status --root "$ROOT" "$@" >"$OUT/st$n.stdout" 2>"$OUT/st$n.stderr" </dev/null
          echo $? >"$OUT/st$n.exit"
          t1=$(date +%s%N)
          echo $(( (t1 - t0) / 1000000 )) >"$OUT/st$n.ms"
        }

        """;

    private static Observations Run(GuestTree tree, string body) => tree.Run(Helpers + body);

    [Fact]
    public void AfterABootStatusShowsTheVolumesAndTheVerdictOfTheRecord()
    {
        var label = Labels.Unique();
        using var volume = LoopVolume.Create(FsType.Ext4, label);
        using var tree = ScratchTree("status-ok", label);

        var obs = Run(tree, "boot 1 ''\nst 1\nst 2 --json\nst 3 -v");
        var boot = obs.Boot(1);
        var record = Expect.Booted(boot, tree);
        Expect.Result("applied", boot);
        var expectedExit = record.Result == "applied" ? 0 : 1; // 1 only for host noise (see HostNoise)

        var text = StatusRun.Of(obs, 1);
        text.Expect(expectedExit, boot);
        Assert.StartsWith($"personality: {record.Result}\n", text.Stdout);
        Assert.Contains("\nDrift: none\n", text.Stdout);
        Assert.Matches(@"\n  ROLE +LABEL +DEVICE +TYPE +MOUNT POINT +APPEARED\n", text.Stdout);
        Assert.Matches($@"\n  scratch +{label} +{volume.Device} +ext4 +{GuestTree.RwMount} +[0-9.]+ ms\n", text.Stdout);
        Assert.Contains("\nSlowest steps:\n", text.Stdout);
        Assert.DoesNotContain("\e[", text.Stdout); // not a tty: no colour

        var json = StatusRun.Of(obs, 2);
        json.Expect(expectedExit, boot);
        using var doc = JsonDocument.Parse(json.Stdout);
        var r = doc.RootElement;
        Assert.Equal(1, r.GetProperty("schemaVersion").GetInt32());
        Assert.Equal(record.Result, r.GetProperty("result").GetString());
        Assert.Equal(expectedExit, r.GetProperty("exitCode").GetInt32());
        Assert.Empty(r.GetProperty("drift").EnumerateArray());
        var embedded = r.GetProperty("record");
        Assert.Equal(1, embedded.GetProperty("schemaVersion").GetInt32());
        Assert.Equal(label, embedded.GetProperty("volumes")[0].GetProperty("label").GetString());
        using var written = JsonDocument.Parse(record.Raw);
        Assert.True(JsonElement.DeepEquals(written.RootElement, embedded), "the record is not embedded as written");

        var verbose = StatusRun.Of(obs, 3);
        verbose.Expect(expectedExit, boot);
        Assert.Matches(@"\n  (applied|unchanged) +[0-9.]+ +rwtab +bind /var/lib/stateless/writable/var/log -> /var/log +/etc/rwtab:1:6\n", verbose.Stdout);
        Assert.Contains("\nSettings:\n", verbose.Stdout);
    }

    [Fact]
    public void AnUnmountedBindIsDriftAndDegradesTheVerdict()
    {
        var label = Labels.Unique();
        using var volume = LoopVolume.Create(FsType.Ext4, label);
        using var tree = ScratchTree("status-drift", label);

        var obs = Run(tree, "boot 1 ''\numount \"$ROOT/var/log\"\nst 1\nst 2 --json");
        var boot = obs.Boot(1);
        Expect.Booted(boot, tree);
        Expect.Result("applied", boot);

        var text = StatusRun.Of(obs, 1);
        text.Expect(1, boot);
        Assert.StartsWith("personality: degraded (", text.Stdout);
        Assert.Matches(@"\nDrift:\n  bind +/var/log +expected bound from /var/lib/stateless/writable/var/log, found not mounted \[/etc/rwtab:1:6\]\n", text.Stdout);

        var json = StatusRun.Of(obs, 2);
        json.Expect(1, boot);
        using var doc = JsonDocument.Parse(json.Stdout);
        Assert.Equal("degraded", doc.RootElement.GetProperty("result").GetString());
        var drift = Assert.Single(doc.RootElement.GetProperty("drift").EnumerateArray());
        Assert.Equal(("bind", "/var/log", "bound from /var/lib/stateless/writable/var/log", "not mounted"),
            (drift.GetProperty("kind").GetString(), drift.GetProperty("target").GetString(),
             drift.GetProperty("expected").GetString(), drift.GetProperty("actual").GetString()));
    }

    [Fact]
    public void ATreeThatNeverBootedIsExit3()
    {
        using var tree = GuestTree.Create("status-never");
        var obs = Run(tree, "st 1\nst 2 --json");
        var text = StatusRun.Of(obs, 1);
        text.Expect(3, obs);
        Assert.StartsWith("personality: never-ran\n", text.Stdout);
        using var doc = JsonDocument.Parse(StatusRun.Of(obs, 2).Stdout);
        Assert.Equal("never-ran", doc.RootElement.GetProperty("result").GetString());
        Assert.Equal(JsonValueKind.Null, doc.RootElement.GetProperty("record").ValueKind);
    }

    [Fact]
    public void PersonalityOffIsExit3Disabled()
    {
        using var tree = GuestTree.Create("status-off");
        tree.WriteReadonlyRoot(Labels.Unique(), Labels.Unique());
        tree.WriteRwtab("dirs /var/log\n");
        var obs = Run(tree, "boot 1 'personality=off'\nst 1");
        var boot = obs.Boot(1);
        Expect.Booted(boot, tree);
        Expect.Result("disabled", boot);
        var text = StatusRun.Of(obs, 1);
        text.Expect(3, boot);
        Assert.StartsWith("personality: disabled\n", text.Stdout);
        Assert.Contains("personality=off", text.Stdout);
    }

    [Fact]
    public void AFailedBootIsExit2AndNamesTheFailedStep()
    {
        using var tree = GuestTree.Create("status-failed");
        tree.WriteReadonlyRoot(Labels.Unique(), Labels.Unique(), ("RW_MOUNT", "/var/lib/no-such-area"));
        tree.WriteRwtab("dirs /var/log\n");
        tree.Seed("/var/log", isDirectory: true);
        var obs = Run(tree, "boot 1 ''\nst 1");
        var boot = obs.Boot(1);
        Expect.Booted(boot, tree);
        Expect.Result("failed", boot);
        var text = StatusRun.Of(obs, 1);
        text.Expect(2, boot);
        Assert.StartsWith("personality: failed\n", text.Stdout);
        Assert.Matches(@"\n  failed +mount tmpfs none -> /var/lib/no-such-area|\n  failed +mount /var/lib/no-such-area", text.Stdout);
        Assert.Contains("\nErrors:\n", text.Stdout);
    }

    [Fact]
    public void WaitWaitsForALiveBootOnlyAndNeverLongerThanTheTimeout()
    {
        using var tree = GuestTree.Create("status-wait");
        var marker = "\"$ROOT/var/run/personality/boot.pid\"";
        var obs = Run(tree, $"""
            boot 1 ''
            mkdir -p "$ROOT/var/run/personality"
            sleep 2 & echo $! > {marker}
            st 1 --wait --timeout 20
            sleep 0 & p=$!; wait $p; echo $p > {marker}
            st 2 --wait --timeout 20
            sleep 30 & p=$!; echo $p > {marker}
            st 3 --wait --timeout 1
            st 4 --json
            note pid "$p"
            kill $p
            """);
        var boot = obs.Boot(1);
        Expect.Booted(boot, tree);
        Expect.Result("applied", boot); // no readonly-root file: nothing to do, nothing to warn about

        var live = StatusRun.Of(obs, 1);
        live.Expect(0, obs);
        Assert.InRange(live.Ms, 1500, 15000);

        var dead = StatusRun.Of(obs, 2);
        dead.Expect(0, obs);
        Assert.InRange(dead.Ms, 0, 1000);

        var bounded = StatusRun.Of(obs, 3);
        bounded.Expect(3, obs);
        Assert.InRange(bounded.Ms, 900, 5000);
        Assert.StartsWith("personality: running\n", bounded.Stdout);
        Assert.Contains("still running after 1 s", bounded.Stderr);

        using var doc = JsonDocument.Parse(StatusRun.Of(obs, 4).Stdout);
        Assert.True(doc.RootElement.GetProperty("bootInProgress").GetBoolean());
        Assert.Equal(int.Parse(obs.Note("pid")), doc.RootElement.GetProperty("bootPid").GetInt32());
        Assert.Equal("running", doc.RootElement.GetProperty("result").GetString());
    }

    [Fact]
    public void UsageErrorsAreExit64()
    {
        using var tree = GuestTree.Create("status-usage");
        var obs = Run(tree, "st 1 --frobnicate\nst 2 --wait --timeout forever");
        foreach (var n in new[] { 1, 2 })
        {
            var run = StatusRun.Of(obs, n);
            run.Expect(64, obs);
            Assert.StartsWith("personality status: ", run.Stderr);
        }
    }

    /// <summary>A tree whose scratch area is the device labelled <paramref name="label"/>, with /var/log bound from it.</summary>
    private static GuestTree ScratchTree(string name, string label)
    {
        var tree = GuestTree.Create(name);
        tree.WriteReadonlyRoot(label, Labels.Unique());
        tree.WriteRwtab("dirs\t/var/log\nempty /tmp\n");
        tree.Seed("/var/log", isDirectory: true);
        return tree;
    }

    /// <summary>What one `st N` call left in $OUT.</summary>
    private sealed record StatusRun(int Exit, string Stdout, string Stderr, int Ms)
    {
        public static StatusRun Of(Observations obs, int n)
        {
            string Read(string ext)
            {
                var p = Path.Combine(obs.OutDir, $"st{n}.{ext}");
                return File.Exists(p) ? File.ReadAllText(p) : throw new Xunit.Sdk.XunitException($"st {n} left no {ext}\n{obs.Describe()}");
            }
            return new StatusRun(int.Parse(Read("exit").Trim()), Read("stdout"), Read("stderr"), int.Parse(Read("ms").Trim()));
        }

        public void Expect(int exit, BootObservation boot) =>
            Harness.Expect.True(Exit == exit, $"status exited {Exit}, expected {exit}\n{this}", boot);

        public void Expect(int exit, Observations obs) =>
            Harness.Expect.True(Exit == exit, $"status exited {Exit}, expected {exit}\n{this}", obs);

        public override string ToString() => $"--- status stdout\n{Stdout}--- status stderr\n{Stderr}";
    }
}
