using Personality.Services;

namespace Personality.Tests.Services;

/// <summary>
/// LSB scripts: priorities from dependencies, Provides aliases, $facility names, and the
/// rewriting of other services' links. Expected farms as upstream chkconfig leaves them.
/// </summary>
public class LsbDependencyTests
{
    private static ServiceTree Stack()
    {
        var tree = new ServiceTree()
            .Script("network", "#!/bin/sh\n# chkconfig: 2345 10 90\n# description: net\n### BEGIN INIT INFO\n# Provides: $network\n### END INIT INFO\n")
            .Classic("rsyslog", "2345", 12, 88)
            .Script("syslogalias", "#!/bin/sh\n# chkconfig: 2345 13 87\n# description: sysloga\n### BEGIN INIT INFO\n# Provides: $syslog\n### END INIT INFO\n")
            .Lsb("db", provides: "db mysql", requiredStart: "$network $syslog", requiredStop: "$network", defaultStart: "3 4 5", defaultStop: "0 1 2 6")
            .Lsb("app", requiredStart: "mysql $remote_fs $local_fs", requiredStop: "mysql", shouldStart: "cache", shouldStop: "cache")
            .Lsb("cache", provides: "cache memcached", requiredStart: "$network", requiredStop: "$network", defaultStart: "3 5", defaultStop: "0 1 2 4 6")
            .Lsb("web", requiredStart: "app $named $time", requiredStop: "app", shouldStart: "memcached")
            .Lsb("self", requiredStart: "self", requiredStop: "self")
            .Lsb("nolevels", defaultStart: "", defaultStop: "")
            .Lsb("emptystart", provides: "es", defaultStart: "", defaultStop: "0 1 2 3 4 5 6");
        var engine = tree.Engine();
        foreach (var name in new[] { "network", "rsyslog", "syslogalias", "db", "app", "cache", "web", "self", "nolevels", "emptystart" })
            engine.Add(name);
        return tree;
    }

    [Fact]
    public void AddingAStackOfLsbServices()
    {
        using var tree = Stack();
        // web needs app (on wherever web is): S51/K49. app needs mysql (db), but db is off at 2:
        // not "on in every level where app is on", so app stays at 50. $network is provided by
        // network (S10) and is already earlier than 50. $remote_fs, $named, $time match nothing.
        // self needs itself: pushed to the end (S99/K00). nolevels has no levels: refused.
        Assert.Equal("""
            0: K00self K49web K50app K50cache K50db K50emptystart K87syslogalias K88rsyslog K90network
            1: K00self K49web K50app K50cache K50db K50emptystart K87syslogalias K88rsyslog K90network
            2: K50cache K50db K50emptystart S10network S12rsyslog S13syslogalias S50app S51web S99self
            3: K50emptystart S10network S12rsyslog S13syslogalias S50app S50cache S50db S51web S99self
            4: K50cache K50emptystart S10network S12rsyslog S13syslogalias S50app S50db S51web S99self
            5: K50emptystart S10network S12rsyslog S13syslogalias S50app S50cache S50db S51web S99self
            6: K00self K49web K50app K50cache K50db K50emptystart K87syslogalias K88rsyslog K90network
            """, tree.Farm());
        Assert.Equal("service nolevels does not support chkconfig\n", tree.Engine().Add("nolevels").Stderr);
        tree.AssertLinkTargets();
    }

    [Fact]
    public void TurningOffRecomputesWithChkconfigsOwnLevelArithmetic()
    {
        using var tree = Stack();
        var engine = tree.Engine();
        engine.Set("cache", ServiceState.On, RunLevels.Parse("2"));
        // chkconfig marks a service being turned off as on "everywhere" while it recomputes, so
        // app (which needs mysql) now counts db as on wherever app is: app moves after db, and
        // web after app. db itself keeps K50 (its own dependencies are ignored).
        engine.Set("db", ServiceState.Off);
        Assert.Equal("""
            0: K00self K48web K49app K50cache K50db K50emptystart K87syslogalias K88rsyslog K90network
            1: K00self K48web K49app K50cache K50db K50emptystart K87syslogalias K88rsyslog K90network
            2: K50db K50emptystart S10network S12rsyslog S13syslogalias S50cache S51app S52web S99self
            3: K50db K50emptystart S10network S12rsyslog S13syslogalias S50cache S51app S52web S99self
            4: K50cache K50db K50emptystart S10network S12rsyslog S13syslogalias S51app S52web S99self
            5: K50db K50emptystart S10network S12rsyslog S13syslogalias S50cache S51app S52web S99self
            6: K00self K48web K49app K50cache K50db K50emptystart K87syslogalias K88rsyslog K90network
            """, tree.Farm());

        engine.Set("db", ServiceState.On);
        Assert.Equal("""
            0: K00self K48web K49app K50cache K50db K50emptystart K87syslogalias K88rsyslog K90network
            1: K00self K48web K49app K50cache K50db K50emptystart K87syslogalias K88rsyslog K90network
            2: K50emptystart S10network S12rsyslog S13syslogalias S50cache S50db S51app S52web S99self
            3: K50emptystart S10network S12rsyslog S13syslogalias S50cache S50db S51app S52web S99self
            4: K50cache K50emptystart S10network S12rsyslog S13syslogalias S50db S51app S52web S99self
            5: K50emptystart S10network S12rsyslog S13syslogalias S50cache S50db S51app S52web S99self
            6: K00self K48web K49app K50cache K50db K50emptystart K87syslogalias K88rsyslog K90network
            """, tree.Farm());
    }

    [Fact]
    public void ProvidesAliasesAndShouldStart()
    {
        using var tree = new ServiceTree()
            .Lsb("a", provides: "a $database")
            .Lsb("b", requiredStart: "$database $network", requiredStop: "$database", shouldStart: "c")
            .Classic("c", "345", 70, 30);
        var engine = tree.Engine();
        engine.Add("a");
        engine.Add("b");
        engine.Add("c");
        Assert.Equal("""
            0: K30c K49b K50a
            1: K30c K49b K50a
            2: K30c S50a S51b
            3: S50a S51b S70c
            4: S50a S51b S70c
            5: S50a S51b S70c
            6: K30c K49b K50a
            """, tree.Farm());

        // c is not on at 2, where b is on: Should-Start: c does not count until it is.
        engine.Set("c", ServiceState.On);
        var second = engine.Add("b");
        Assert.Equal("""
            0: K30c K49b K50a
            1: K30c K49b K50a
            2: S50a S70c S71b
            3: S50a S70c S71b
            4: S50a S70c S71b
            5: S50a S70c S71b
            6: K30c K49b K50a
            """, tree.Farm());
        Assert.Equal(
            ["removed /etc/rc.d/rc2.d/S51b", "created /etc/rc.d/rc2.d/S71b", "removed /etc/rc.d/rc3.d/S51b", "created /etc/rc.d/rc3.d/S71b",
             "removed /etc/rc.d/rc4.d/S51b", "created /etc/rc.d/rc4.d/S71b", "removed /etc/rc.d/rc5.d/S51b", "created /etc/rc.d/rc5.d/S71b"],
            second.Changes.Select(c => c.ToString()));
        Assert.Empty(engine.Set("b", ServiceState.ResetPriorities).Changes);
    }

    [Fact]
    public void AddingOneLsbServiceRewritesOthersWhoseComputedPrioritiesChanged()
    {
        // b was linked by hand at the wrong priorities; adding a recomputes every LSB service.
        using var tree = new ServiceTree().Lsb("a").Lsb("b", requiredStart: "a", requiredStop: "a");
        for (var level = 0; level < 7; level++)
            tree.Link(level, level is >= 2 and <= 5 ? "S20b" : "K80b", "../init.d/b");
        var add = tree.Engine().Add("a");
        Assert.Equal("""
            0: K49b K50a
            1: K49b K50a
            2: S50a S51b
            3: S50a S51b
            4: S50a S51b
            5: S50a S51b
            6: K49b K50a
            """, tree.Farm());
        Assert.Equal(21, add.Changes.Count); // 7 created for a, 7 renamed (removed + created) for b
    }

    [Fact]
    public void ResetPutsTheHeadersLevelsBack()
    {
        using var tree = Stack();
        var engine = tree.Engine();
        engine.Set("app", ServiceState.Off, RunLevels.Parse("2"));
        engine.Set("app", ServiceState.On, RunLevels.Parse("1"));
        engine.Set("app", ServiceState.Reset);
        Assert.Equal(0, engine.Query("app", 2).ExitCode);
        Assert.Equal(1, engine.Query("app", 1).ExitCode);
        Assert.Equal("app            \t0:off\t1:off\t2:on\t3:on\t4:on\t5:on\t6:off\n", engine.List("app").Stdout);
    }
}
