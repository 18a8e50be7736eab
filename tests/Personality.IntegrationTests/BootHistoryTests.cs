using System.Text.Json;
using Personality.IntegrationTests.Harness;
using Xunit;

namespace Personality.IntegrationTests;

/// <summary>
/// The boot history: each boot that mounts a writable state volume adds itself (time, personality,
/// result, counts, duration, volumes by label and UUID, a role change against the boot before) to a
/// bounded file on that volume; `status --history` (and `--json`) shows it; without a state volume
/// status says there is none.
/// </summary>
[Collection("root")]
public sealed class BootHistoryTests
{
    private static ConfigVolume App(string label, string personality) =>
        new ConfigVolume(label).Manifest($"version: 1\nrole: app\npersonality: {personality}\n").Attach();

    private const string StatusHistory = """
        "$PERSONALITY_BIN" status --root "$ROOT" --history --json >"$OUT/history.json" 2>"$OUT/history.stderr"; echo $? >"$OUT/history.exit"
        "$PERSONALITY_BIN" status --root "$ROOT" --history >"$OUT/history.txt" 2>&1
        """;

    [Fact]
    public void EachBootIsRecordedOnTheStateVolumeWithItsRoleChange()
    {
        var stateLabel = Labels.Unique();
        var appLabel = ConfigLabels.App();
        using var state = LoopVolume.Create(FsType.Ext4, stateLabel);
        using var tree = GuestTree.Create("history");
        tree.WriteReadonlyRoot(Labels.Unique(), stateLabel);
        PersonalityGuest.Prepare(tree, ConfigLabels.Host(), appLabel);
        tree.WriteRwtab("empty /tmp\n");

        using (App(appLabel, "web")) tree.Run("boot 1 ''");
        Observations obs;
        using (App(appLabel, "db")) obs = tree.Run("boot 2 ''\n" + StatusHistory);

        var boot = obs.Boot(2);
        Expect.Booted(boot, tree);
        Assert.Equal("0", obs.ReadOut("history.exit").Trim());
        using var doc = JsonDocument.Parse(obs.ReadOut("history.json"));
        var boots = doc.RootElement.GetProperty("boots").EnumerateArray().ToList();
        Assert.Equal(2, boots.Count);
        Assert.Equal("web", boots[0].GetProperty("personality").GetString());
        Assert.False(boots[0].TryGetProperty("roleChangedFrom", out _));
        Assert.Equal("db", boots[1].GetProperty("personality").GetString());
        Assert.Equal("web", boots[1].GetProperty("roleChangedFrom").GetString());
        Assert.Equal("applied", boots[1].GetProperty("result").GetString());
        Assert.True(boots[1].GetProperty("ms").GetDouble() > 0);
        var volumes = boots[1].GetProperty("volumes").EnumerateArray().Select(v => (v.GetProperty("role").GetString(), v.GetProperty("label").GetString())).ToList();
        Assert.Contains(("state", stateLabel), volumes);
        Assert.Contains(("app", appLabel), volumes);
        Assert.Contains("web -> db", obs.ReadOut("history.txt"));
    }

    [Fact]
    public void AGuestWithoutAStateVolumeSaysItKeepsNoHistory()
    {
        var appLabel = ConfigLabels.App();
        using var tree = GuestTree.Create("history-none");
        tree.WriteReadonlyRoot(Labels.Unique(), Labels.Unique());
        PersonalityGuest.Prepare(tree, ConfigLabels.Host(), appLabel);
        tree.WriteRwtab("empty /tmp\n");

        using var app = App(appLabel, "web");
        var obs = tree.Run("boot 1 ''\n" + StatusHistory);

        Expect.Booted(obs.Boot(1), tree);
        Assert.Equal("3", obs.ReadOut("history.exit").Trim());
        Assert.Contains("no state volume", obs.ReadOut("history.txt"));
    }
}
