using Personality.Record;
using System.Text.Json;
using Personality.Status;

namespace Personality.Tests.Status;

public class StatusOutputTests
{
    private static RecordText Busy() => FakeSystem.BootedRecord()
        .Step("rwtab", "bind", "/var/lib/missing", result: "skipped", source: FakeSystem.Scratch + "/var/lib/missing",
            origin: "/etc/rwtab:7:7", ms: 0.01, detail: "/var/lib/missing does not exist")
        .Step("rwtab", "copy", FakeSystem.Scratch + "/etc/big", source: "/etc/big", origin: "/etc/rwtab:9:7", ms: 80.25)
        .Step("rwtab", "bind", "/etc/broken", result: "failed", source: FakeSystem.Scratch + "/etc/broken",
            origin: "/etc/rwtab:8:7", ms: 3, detail: "a file but a directory")
        .Warning("unknown rwtab type 'dir'; line ignored", "/etc/rwtab:2:1", "did you mean 'dirs'?")
        .Error("bind failed", "/etc/rwtab:8:7");

    private static string Text(StatusReport report, bool verbose = false, bool colour = false)
    {
        var w = new StringWriter();
        StatusText.Write(w, report, verbose, colour);
        return w.ToString();
    }

    [Fact]
    public void OneScreenShowsVerdictVolumesProblemsDriftAndSlowestSteps()
    {
        var record = Busy();
        record.Result = "failed";
        var report = new StatusReport("/var/run/personality/status.json", record.Parse(),
            [new Drift("bind", "/var/log", "bound from /x", "not mounted", "/etc/rwtab:1:6")]);
        var text = Text(report);
        var lines = text.Split('\n');

        Assert.Equal("personality: failed (1 drift since boot)", lines[0]);
        Assert.Contains("  personality  -", lines);
        Assert.Contains("  ran          2025-03-04T05:06:07.089Z, 12.3 ms (personality 0.1.0, boot --root /r)", lines);
        Assert.Contains("  steps        5 applied, 0 unchanged, 1 skipped, 1 failed", lines);
        Assert.Contains("  ROLE     LABEL     DEVICE      TYPE  MOUNT POINT                  APPEARED", lines);
        Assert.Contains("  scratch  scratchy  /dev/loop3  ext4  /var/lib/stateless/writable  3.0 ms", lines);
        var failed = Array.FindIndex(lines, l => l.StartsWith("  failed ", StringComparison.Ordinal));
        var skipped = Array.FindIndex(lines, l => l.StartsWith("  skipped ", StringComparison.Ordinal));
        Assert.True(failed > 0 && skipped > failed, text);
        Assert.Contains("/etc/rwtab:8:7", lines[failed]);
        Assert.Contains("  warning /etc/rwtab:2:1: unknown rwtab type 'dir'; line ignored (did you mean 'dirs'?)", lines);
        Assert.Contains("  error   /etc/rwtab:8:7: bind failed", lines);
        Assert.Contains("  bind  /var/log  expected bound from /x, found not mounted [/etc/rwtab:1:6]", lines);
        var slowest = Array.IndexOf(lines, "Slowest steps:");
        Assert.StartsWith("  80.3 ms", lines[slowest + 1]);
        Assert.Contains("copy /etc/big -> /var/lib/stateless/writable/etc/big", lines[slowest + 1]);
        Assert.StartsWith("  3.0 ms", lines[slowest + 2]);
        Assert.DoesNotContain('\e', text);
        Assert.True(lines.Length < 40, "more than one screen:\n" + text);
    }

    [Fact]
    public void DriftOnAnAppliedRunIsCalledOut()
    {
        var report = new StatusReport("/s", FakeSystem.BootedRecord().Parse(), [new Drift("bind", "/var/log", "a", "b")]);
        Assert.StartsWith("personality: degraded (boot applied everything; 1 drift since)\n", Text(report));
        Assert.Contains("\nDrift: none\n", Text(new StatusReport("/s", FakeSystem.BootedRecord().Parse(), [])));
    }

    [Fact]
    public void PersonalityIsShownWhenTheRecordHasOne()
    {
        var report = new StatusReport("/s", new RecordText { Personality = "web" }.Parse(), []);
        Assert.Contains("\n  personality  web\n", Text(report));
    }

    [Fact]
    public void VerboseListsEveryStepWithOriginResultAndMsAndTheSettings()
    {
        var text = Text(new StatusReport("/s", Busy().Parse(), []), verbose: true);
        Assert.Matches(@"\n  RESULT +MS +STAGE +STEP +ORIGIN +DETAIL\n", text);
        Assert.Matches(@"\n  applied  0\.5 +rwtab +bind /var/lib/stateless/writable/var/log -> /var/log +/etc/rwtab:1:6\n", text);
        Assert.Matches(@"\n  skipped  0\.01 +rwtab .*/etc/rwtab:7:7 +/var/lib/missing does not exist\n", text);
        Assert.Contains("  READONLY  yes  /etc/sysconfig/readonly-root:2", text);
    }

    [Fact]
    public void ColourOnlyWhenAskedAndColumnsStayAligned()
    {
        var report = new StatusReport("/s", Busy().Parse(), []);
        var plain = Text(report, verbose: true);
        var coloured = Text(report, verbose: true, colour: true);
        Assert.Contains("\e[31mfailed\e[0m", coloured);
        Assert.Equal(plain, System.Text.RegularExpressions.Regex.Replace(coloured, "\e\\[[0-9;]*m", ""));
    }

    [Fact]
    public void NeverRanAndDisabledAreShort()
    {
        var never = Text(new StatusReport("/var/run/personality/status.json", null, []));
        Assert.Equal("personality: never-ran\n  no record: /var/run/personality/status.json does not exist (boot has not run since the system started)\n", never);
        var disabled = Text(new StatusReport("/s", new RecordText { Result = "disabled", DisabledReason = "ENABLED=no from kernel command line (personality=off)" }.Parse(), []));
        Assert.StartsWith("personality: disabled\n", disabled);
        Assert.Contains("  disabled     ENABLED=no from kernel command line (personality=off)", disabled);
        Assert.DoesNotContain("Volumes", disabled);
    }

    [Fact]
    public void JsonIsVersionedAndEmbedsTheRecordAsWritten()
    {
        var record = Busy().ToString();
        var report = new StatusReport("/var/run/personality/status.json", StatusRecord.Parse(System.Text.Encoding.UTF8.GetBytes(record)),
            [new Drift("bind", "/var/log", "bound from /x", "not mounted", "/etc/rwtab:1:6")]);
        using var doc = JsonDocument.Parse(StatusJsonOutput.ToText(report));
        var r = doc.RootElement;
        Assert.Equal(["schemaVersion", "result", "exitCode", "statusFile", "recordedResult", "bootInProgress", "bootPid", "problem", "drift", "record"],
            r.EnumerateObject().Select(p => p.Name));
        Assert.Equal(1, r.GetProperty("schemaVersion").GetInt32());
        Assert.Equal("degraded", r.GetProperty("result").GetString());
        Assert.Equal(1, r.GetProperty("exitCode").GetInt32());
        Assert.Equal("applied", r.GetProperty("recordedResult").GetString());
        var drift = Assert.Single(r.GetProperty("drift").EnumerateArray());
        Assert.Equal(["kind", "target", "expected", "actual", "origin"], drift.EnumerateObject().Select(p => p.Name));
        using var original = JsonDocument.Parse(record);
        Assert.True(JsonElement.DeepEquals(original.RootElement, r.GetProperty("record")));
    }

    [Fact]
    public void JsonWithoutARecordHasNullRecord()
    {
        using var doc = JsonDocument.Parse(StatusJsonOutput.ToText(new StatusReport("/s", null, [])));
        Assert.Equal(JsonValueKind.Null, doc.RootElement.GetProperty("record").ValueKind);
        Assert.Equal("never-ran", doc.RootElement.GetProperty("result").GetString());
        Assert.Equal(3, doc.RootElement.GetProperty("exitCode").GetInt32());
    }
}
