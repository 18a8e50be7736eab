using Personality.Core;
using Personality.Settings;
using Xunit;

namespace Personality.Tests.Settings;

public class SettingsLoaderTests
{
    private static (EffectiveSettings, Diagnostics) Load(TempDir tree, string cmdline = "")
    {
        var d = new Diagnostics();
        return (SettingsLoader.Load(new TargetRoot(tree.Path), cmdline, d), d);
    }

    [Fact]
    public void DefaultsAreRedHatsAndSayTheyAreDefaults()
    {
        using var tree = new TempDir();
        var (s, d) = Load(tree);
        Assert.Empty(d.All);
        Assert.False(s.ReadOnlyRootActive);
        Assert.Equal("/var/lib/stateless/writable", s.Value("RW_MOUNT"));
        Assert.Equal("stateless-rw", s.Value("RW_LABEL"));
        Assert.Equal("stateless-state", s.Value("STATE_LABEL"));
        Assert.Equal("/var/lib/stateless/state", s.Value("STATE_MOUNT"));
        Assert.True(s.IsNotFalse("SLAVE_MOUNTS"));
        Assert.Equal("default", s["READONLY"].Source);
    }

    [Theory]
    [InlineData("yes", true)] [InlineData("TRUE", true)] [InlineData("On", true)] [InlineData("1", true)]
    [InlineData("y", true)] [InlineData("t", true)] [InlineData("no", false)] [InlineData("maybe", false)]
    public void ReadonlyAcceptsRedHatsTruthWords(string value, bool active)
    {
        using var tree = new TempDir();
        tree.Write("etc/sysconfig/readonly-root", $"READONLY={value}\n");
        Assert.Equal(active, Load(tree).Item1.ReadOnlyRootActive);
    }

    [Fact]
    public void TemporaryStateAloneTurnsItOn()
    {
        using var tree = new TempDir();
        tree.Write("etc/sysconfig/readonly-root", "READONLY=no\nTEMPORARY_STATE=yes\n");
        Assert.True(Load(tree).Item1.ReadOnlyRootActive);
    }

    [Fact]
    public void LaterSourcesWinAndEachValueNamesItsSource()
    {
        using var tree = new TempDir();
        tree.Write("etc/sysconfig/personality", "# ours\nDEVICE_TIMEOUT=7\nRW_LABEL=from-pers\n");
        tree.Write("etc/sysconfig/readonly-root", "READONLY=no\nRW_LABEL=from-rr\n");
        var (s, d) = Load(tree, "quiet readonlyroot personality.DEVICE_TIMEOUT=2 personality.debug");
        Assert.Empty(d.All);
        Assert.Equal(new Setting("RW_LABEL", "from-rr", "/etc/sysconfig/readonly-root:2"), s["RW_LABEL"]);
        Assert.Equal(new Setting("READONLY", "yes", "kernel command line (readonlyroot)"), s["READONLY"]);
        Assert.Equal("kernel command line (personality.DEVICE_TIMEOUT=2)", s["DEVICE_TIMEOUT"].Source);
        Assert.Equal(TimeSpan.FromSeconds(2), s.DeviceTimeout);
        Assert.True(s.Debug);
    }

    [Fact]
    public void NoReadonlyRootWinsWhateverTheOrder()
    {
        using var tree = new TempDir();
        tree.Write("etc/sysconfig/readonly-root", "READONLY=yes\n");
        Assert.False(Load(tree, "noreadonlyroot readonlyroot").Item1.ReadOnlyRootActive);
    }

    [Fact]
    public void ReadonlyRootFillsEmptyMountPoints()
    {
        using var tree = new TempDir();
        tree.Write("etc/sysconfig/readonly-root", "RW_MOUNT=\nSTATE_MOUNT=\n");
        var (s, _) = Load(tree, "readonlyroot");
        Assert.Equal("/var/lib/stateless/writable", s.Value("RW_MOUNT"));
        Assert.Equal("kernel command line (readonlyroot)", s["RW_MOUNT"].Source);
    }

    [Theory]
    [InlineData("personality=off")] [InlineData("personality=0")] [InlineData("personality=no")]
    public void PersonalityOffDisables(string word)
    {
        using var tree = new TempDir();
        var (s, _) = Load(tree, $"ro {word}");
        Assert.False(s.Enabled);
        Assert.Equal($"kernel command line ({word})", s["ENABLED"].Source);
    }

    [Fact]
    public void WordsAfterDoubleDashBelongToInit()
    {
        using var tree = new TempDir();
        Assert.False(Load(tree, "quiet -- readonlyroot").Item1.ReadOnlyRootActive);
    }

    [Fact]
    public void UnknownKeysAreReportedWithASuggestion()
    {
        using var tree = new TempDir();
        tree.Write("etc/sysconfig/personality", "DEVICE_TIMOUT=3\n");
        var (s, d) = Load(tree, "personality.REQUIRED_LABLES=x");
        Assert.Equal("5", s.Value("DEVICE_TIMEOUT"));
        Assert.Collection(d.All,
            w => { Assert.Contains("DEVICE_TIMOUT", w.Message); Assert.Equal("did you mean DEVICE_TIMEOUT?", w.Hint); Assert.Equal("/etc/sysconfig/personality:1:1", w.Origin.ToString()); },
            w => Assert.Equal("did you mean personality.REQUIRED_LABELS=...?", w.Hint));
    }

    [Theory]
    [InlineData("DEVICE_TIMEOUT=soon")] [InlineData("DEVICE_TIMEOUT=-1")] [InlineData("DEVICE_TIMEOUT=100000")]
    public void BadTimeoutFallsBackToTheDefault(string line)
    {
        using var tree = new TempDir();
        tree.Write("etc/sysconfig/personality", line + "\n");
        var (s, d) = Load(tree);
        Assert.Equal(TimeSpan.FromSeconds(5), s.DeviceTimeout);
        Assert.Contains(d.All, w => w.Message.Contains("DEVICE_TIMEOUT") && w.Origin.ToString() == "/etc/sysconfig/personality:1");
    }

    [Fact]
    public void RelativeMountPointIsRefused()
    {
        using var tree = new TempDir();
        tree.Write("etc/sysconfig/readonly-root", "RW_MOUNT=var/rw\nSTATE_MOUNT=/var/../state\n");
        var (s, d) = Load(tree);
        Assert.Equal("/var/lib/stateless/writable", s.Value("RW_MOUNT"));
        Assert.Equal("/var/lib/stateless/state", s.Value("STATE_MOUNT"));
        Assert.Equal(2, d.All.Count);
    }

    [Fact]
    public void PinsAreParsedAndMalformedPinsReported()
    {
        using var tree = new TempDir();
        tree.Write("etc/sysconfig/personality", "VOLUME_UUIDS=\"st=1234-ABCD bogus\"\n");
        var (s, d) = Load(tree);
        Assert.Equal("1234-ABCD", s.PinnedUuids()["st"]);
        Assert.Single(d.All, w => w.Message.Contains("bogus"));
    }
}
