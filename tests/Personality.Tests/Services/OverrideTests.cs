using Personality.Services;

namespace Personality.Tests.Services;

/// <summary>/etc/chkconfig.d overrides, and <c>--override</c>; expected farms as upstream chkconfig.</summary>
public class OverrideTests
{
    [Fact]
    public void AnOverrideReplacesTheLevelsAndPrioritiesOfAClassicScript()
    {
        using var tree = new ServiceTree().Classic("classic", "2345", 55, 25).Override("classic", "# chkconfig: 35 60 20\n");
        tree.Engine().Add("classic");
        Assert.Equal("""
            0: K20classic
            1: K20classic
            2: K20classic
            3: S60classic
            4: K20classic
            5: S60classic
            6: K20classic
            """, tree.Farm());
    }

    [Fact]
    public void AnLsbOverrideMakesAClassicScriptLsb()
    {
        // The override's LSB block replaces the levels and adds a dependency; its missing
        // priorities replace the header's too, so they are computed: S61 after classic's S60.
        using var tree = new ServiceTree()
            .Classic("classic", "2345", 55, 25).Override("classic", "# chkconfig: 35 60 20\n")
            .Classic("lsbover", "2345", 57, 23)
            .Override("lsbover", "### BEGIN INIT INFO\n# Provides: lsbover\n# Required-Start: classic\n# Default-Start: 3 5\n# Default-Stop: 0 1 2 4 6\n### END INIT INFO\n");
        var engine = tree.Engine();
        engine.Add("classic");
        engine.Add("lsbover");
        Assert.Equal("""
            0: K20classic K50lsbover
            1: K20classic K50lsbover
            2: K20classic K50lsbover
            3: S60classic S61lsbover
            4: K20classic K50lsbover
            5: S60classic S61lsbover
            6: K20classic K50lsbover
            """, tree.Farm());
    }

    [Fact]
    public void OverrideCommandAppliesOnlyToServicesStillAsAdded()
    {
        using var tree = new ServiceTree()
            .Classic("classic", "2345", 55, 25)
            .Lsb("lsbsvc", requiredStart: "classic")
            .Override("lsbsvc", "### BEGIN INIT INFO\n# Default-Start: 3\n# Default-Stop: 0 1 2 4 5 6\n### END INIT INFO\n");
        var engine = tree.Engine();
        engine.Add("classic");
        engine.Add("lsbsvc"); // the override is already in force: on at 3 only
        Assert.Equal("""
            0: K25classic K50lsbsvc
            1: K25classic K50lsbsvc
            2: K50lsbsvc S55classic
            3: S55classic S56lsbsvc
            4: K50lsbsvc S55classic
            5: K50lsbsvc S55classic
            6: K25classic K50lsbsvc
            """, tree.Farm());

        // --override on it: chkconfig first recomputes the service from the override file alone,
        // which has no Required-Start, so the links move to S50 even though the links are not
        // "as added" from the script's own header. Upstream does exactly this.
        Assert.Equal(["removed /etc/rc.d/rc3.d/S56lsbsvc", "created /etc/rc.d/rc3.d/S50lsbsvc"],
            engine.Override("lsbsvc").Changes.Select(c => c.ToString()));
        Assert.Empty(engine.Override("lsbsvc").Changes);
        Assert.Equal(0, engine.Override("nosuch").ExitCode);

        engine.Delete("lsbsvc");
        engine.Set("lsbsvc", ServiceState.Reset);
        Assert.Equal(0, engine.Query("lsbsvc", 3).ExitCode);
        Assert.Equal(1, engine.Query("lsbsvc", 2).ExitCode);
    }

    [Fact]
    public void OverrideCommandRewritesAClassicServiceAddedWithoutIt()
    {
        using var tree = new ServiceTree().Classic("classic", "2345", 55, 25);
        var engine = tree.Engine();
        engine.Add("classic");
        tree.Override("classic", "# chkconfig: 35 60 20\n");
        var outcome = engine.Override("classic");
        Assert.Equal(0, outcome.ExitCode);
        Assert.Equal("""
            0: K20classic
            1: K20classic
            2: K20classic
            3: S60classic
            4: K20classic
            5: S60classic
            6: K20classic
            """, tree.Farm());

        // Turned off at 5 by hand: --override no longer touches it.
        tree.Override("classic", "# chkconfig: 2345 61 19\n");
        engine.Set("classic", ServiceState.Off, RunLevels.Parse("5"));
        Assert.Empty(engine.Override("classic").Changes);
    }

    [Fact]
    public void AnOverrideWithoutPrioritiesKeepsAClassicScriptsOwn()
    {
        // Upstream would link "S-1classic" and "K100classic" (and then not see them); the
        // native engine keeps the header's priorities (see docs/chkconfig.md).
        using var tree = new ServiceTree().Classic("classic", "2345", 56, 24).Override("classic", "# description: only a description\n");
        tree.Engine().Add("classic");
        Assert.Equal("""
            0: K24classic
            1: K24classic
            2: S56classic
            3: S56classic
            4: S56classic
            5: S56classic
            6: K24classic
            """, tree.Farm());
    }
}
