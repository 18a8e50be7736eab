using Personality.IntegrationTests.Harness;
using Xunit;

namespace Personality.IntegrationTests;

/// <summary>
/// `personality dry-run` shows exactly what `boot` does. Every tree's first boot is compared with its plan
/// by the harness (<see cref="FirstBootPlan"/>); these guests make the property visible by name: the stock
/// readonly-root with a state volume, and a full personality from host and app volumes.
/// </summary>
[Collection("root")]
public sealed class DryRunMatchesBootTests
{
    /// <summary>The plan the harness saved for boot 1, and that boot's record; asserts they list the same steps.</summary>
    private static (StatusJson Plan, StatusJson Boot) PlanEqualsBoot(Observations obs)
    {
        var boot = obs.Boot(1);
        Expect.True(obs.PlanCheck is { Boot: 1, Verdict: PlanVerdict.Same }, $"the first boot was not compared with its plan: {obs.PlanCheck}", boot);
        var plan = StatusJson.Parse(File.ReadAllText(Path.Combine(obs.OutDir, "boot1.plan.json")));
        Expect.True(plan.Command == "dry-run", $"the saved plan is from '{plan.Command}'", boot);
        var difference = PlanComparison.Difference(plan.Steps, boot.Status.Steps);
        Expect.True(difference is null, $"dry-run's plan differs from the boot: {difference}", boot);
        return (plan, boot.Status);
    }

    private static List<string> Stages(StatusJson s) => s.Steps.Select(x => x.Stage).Distinct().ToList();

    [Fact]
    public void StockRwtabAndStatetabWithAStateVolume()
    {
        var stateLabel = Labels.Unique();
        var rwLabel = Labels.Unique();
        using var scratch = LoopVolume.Create(FsType.Ext4, rwLabel);
        using var state = LoopVolume.Create(FsType.Ext4, stateLabel);
        using var tree = GuestTree.Create("plan-stock");
        tree.FromRwtab("rwtab.fedora");
        tree.WriteReadonlyRoot(rwLabel, stateLabel);
        tree.WriteStatetab("/var/lib/app\n/etc/ssh\n/var/lib/absent\n");
        tree.Seed("/var/lib/app", isDirectory: true);
        tree.Seed("/etc/ssh", isDirectory: true);

        var obs = tree.Run("boot 1 ''");
        var boot = obs.Boot(1);
        Expect.Booted(boot, tree);
        Expect.Result("applied", boot);

        var (plan, record) = PlanEqualsBoot(obs);
        Assert.Equal(["scratch", "rwtab", "state-area", "statetab"], Stages(record));
        Assert.True(plan.Steps.Count > 60, $"only {plan.Steps.Count} steps for the stock rwtab");
        // Both sides say the same about the absent entry: skipped at plan time, not done at boot.
        Assert.Equal(["skipped"], plan.Steps.Where(s => s.Target == "/var/lib/absent" || s.Source == "/var/lib/absent").Select(s => s.Result).Distinct());
        Assert.Equal(["skipped"], record.Steps.Where(s => s.Target == "/var/lib/absent" || s.Source == "/var/lib/absent").Select(s => s.Result).Distinct());
    }

    [Fact]
    public void HostAndAppVolumesWithStateFilesMountsServicesAndHooks()
    {
        var hostLabel = ConfigLabels.Host();
        var appLabel = ConfigLabels.App();
        var webLabel = ConfigLabels.Other();
        var stateLabel = Labels.Unique();
        using var tree = GuestTree.Create("plan-personality");
        PersonalityGuest.Prepare(tree, hostLabel, appLabel);
        PersonalityGuest.InstallShell(tree);
        tree.WriteReadonlyRoot(Labels.Unique(), stateLabel); // no scratch device: tmpfs
        tree.WriteRwtab("dirs /var/log\nfiles /etc/resolv.conf\n");
        // Service links kept on the state volume, as docs/deploying.md advises.
        tree.WriteStatetab(string.Join("", Enumerable.Range(0, 7).Select(l => $"/etc/rc.d/rc{l}.d\n")));
        InitScripts.Layout(tree);
        InitScripts.AddChkconfig(tree, "httpd", "-", 85, 15);
        InitScripts.AddChkconfig(tree, "cups", "2345", 56, 10);
        InitScripts.AddChkconfig(tree, "crond", "2345", 90, 60); // already on: unchanged on both sides
        tree.AddFile("/etc/resolv.conf", "nameserver 192.0.2.1\n");
        tree.AddDir("/etc/web").AddFile("/etc/web/bound.conf", "original\n");
        tree.Seed("/var/lib/web", isDirectory: true);
        tree.AddDir("/opt/web");

        using var state = LoopVolume.Create(FsType.Ext4, stateLabel);
        using var host = new ConfigVolume(hostLabel).Manifest("""
            version: 1
            role: host
            hostname: web01
            files:
              - {path: /etc/resolv.conf, source: files/resolv.conf, mode: "0644"}

            """).File("files/resolv.conf", "nameserver 198.51.100.7\n").Attach();
        using var app = new ConfigVolume(appLabel).Manifest($$"""
            version: 1
            role: app
            personality: web
            state: [/var/lib/web]
            files:
              - {path: /etc/web/app.conf, source: files/app.conf, mode: "0640", owner: daemon:apache}
              - {path: /etc/web/bound.conf, source: files/bound.conf, how: bind}
            mounts:
              - {label: {{webLabel}}, path: /opt/web, options: [ro, nodev, nosuid]}
            services: {on: [httpd, crond], off: [cups], levels: "345"}
            hooks:
              - {run: hooks/10-warm.sh, timeout: 30s}

            """)
            .File("files/app.conf", "app config\n")
            .File("files/bound.conf", "bound from the volume\n")
            .Hook("hooks/10-warm.sh", "echo warm > /tmp/warm")
            .Attach();
        using var webContent = new TempDir("plan-webapp");
        File.WriteAllText(Path.Combine(webContent.Path, "index.html"), "the web application\n");
        using var webapp = LoopVolume.Create(FsType.Ext4, webLabel, populateFrom: webContent.Path);

        var obs = PersonalityGuest.RunWithUts(tree, "boot 1 ''");
        var boot = obs.Boot(1);
        Expect.Booted(boot, tree);
        Expect.Result("applied", boot);
        Expect.NoDiagnostics(boot);

        var (plan, record) = PlanEqualsBoot(obs);
        Assert.Equal(["scratch", "rwtab", "state-area", "statetab", "volumes", "hostname", "mounts", "state", "files", "services", "hooks"],
            Stages(record));
        string[] actions = ["mount", "copy", "bind", "hostname", "file-copy", "file-bind", "service-on", "service-off", "hook"];
        Assert.Equal(actions.Order(), plan.Steps.Select(s => s.Action).Where(actions.Contains).Distinct().Order());
        // crond is on already: the plan says so, and boot finds nothing to do.
        var crond = Assert.Single(plan.Steps, s => s.Target == "crond");
        Assert.Equal("unchanged", crond.Result);
        Assert.Equal("unchanged", Assert.Single(record.Steps, s => s.Target == "crond").Result);
    }

    [Fact]
    public void AStepThatFailsAtBootIsTheStepThatWasPlanned()
    {
        var appLabel = ConfigLabels.App();
        using var tree = GuestTree.Create("plan-fails");
        PersonalityGuest.Prepare(tree, ConfigLabels.Host(), appLabel);
        PersonalityGuest.InstallShell(tree);
        using var app = new ConfigVolume(appLabel).Manifest("""
            version: 1
            role: app
            personality: web
            hooks:
              - run: hooks/fails.sh
              - run: hooks/after.sh

            """).Hook("hooks/fails.sh", "exit 3").Hook("hooks/after.sh", "echo after > /tmp/after").Attach();

        var obs = tree.Run("boot 1 ''");
        var boot = obs.Boot(1);
        Expect.Booted(boot, tree);

        var (plan, record) = PlanEqualsBoot(obs);
        var hooks = PersonalityGuest.AppMount + "/hooks/";
        Assert.Equal(["planned", "planned"], plan.Steps.Where(s => s.Action == "hook").Select(s => s.Result));
        Assert.Equal(["failed", "applied"], record.Steps.Where(s => s.Action == "hook").Select(s => s.Result));
        Assert.Equal([hooks + "fails.sh", hooks + "after.sh"], record.Steps.Where(s => s.Action == "hook").Select(s => s.Target));
    }

    /// <summary>
    /// Boot plans the statetab after the state area's mount and applies none of it when that mount
    /// came up read-only (here: "ro" in /etc/fstab); dry-run's runner answers the same question the
    /// same way (a mount with "ro" will be read-only), so the plan has no statetab steps either.
    /// Found by the plan comparison: dry-run used to plan the copy and bind.
    /// </summary>
    [Fact]
    public void AStateAreaThatFstabMountsReadOnlyIsPlannedAsReadOnly()
    {
        var stateLabel = Labels.Unique();
        using var state = LoopVolume.Create(FsType.Ext4, stateLabel);
        using var tree = GuestTree.Create("plan-state-ro");
        tree.WriteReadonlyRoot(Labels.Unique(), stateLabel);
        tree.WriteRwtab("empty /tmp\n");
        tree.WriteStatetab("/var/lib/app\n");
        tree.Seed("/var/lib/app", isDirectory: true);
        tree.AddFile("/etc/fstab", $"LABEL={stateLabel} {GuestTree.StateMount} ext4 ro 0 0\n");

        var obs = tree.Run("boot 1 ''");
        var boot = obs.Boot(1);
        var status = Expect.Booted(boot, tree);
        Expect.Result("degraded", boot);
        Assert.DoesNotContain(status.Steps, s => s.Stage == "statetab");
        Expect.True(obs.PlanCheck is { Verdict: PlanVerdict.Same }, $"the plan differs from boot: {obs.PlanCheck}", boot);
    }
}
