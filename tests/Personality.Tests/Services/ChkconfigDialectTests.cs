using Microsoft.Extensions.Logging.Abstractions;
using Personality.Apply;
using Personality.Apply.Executors;
using Personality.Apply.Mounts;
using Personality.Cli;
using Personality.Core;
using Personality.DryRun;
using Personality.Pipeline;
using Personality.Services;
using Personality.Settings;
using Personality.Steps;

namespace Personality.Tests.Services;

/// <summary>
/// Which chkconfig a tree has (its release file, CHKCONFIG_COMPAT, --compat), and that boot's
/// native backend and dry-run's prediction both behave as the dialect a service step carries.
/// </summary>
public class ChkconfigDialectTests
{
    // CentOS 5's chkconfig refuses this script (no description); later ones link it.
    private const string NoDescription = "#!/bin/sh\n# chkconfig: 345 20 80\n";

    [Theory]
    [InlineData("CentOS release 5.11 (Final)", 5)]
    [InlineData("Red Hat Enterprise Linux Server release 5.4 (Tikanga)", 5)]
    [InlineData("CentOS release 6.10 (Final)", 6)]
    [InlineData("CentOS Linux release 7.9.2009 (Core)", 7)]
    [InlineData("Fedora release 38 (Thirty Eight)", 38)]
    [InlineData("Debian GNU/Linux 12", null)]
    [InlineData("release", null)]
    public void MajorReleaseIsTheNumberAfterRelease(string line, int? major) => Assert.Equal(major, ChkconfigDialects.MajorRelease(line));

    [Theory]
    [InlineData("CentOS release 5.11 (Final)\n", ChkconfigDialect.El5)]
    [InlineData("CentOS release 6.10 (Final)\n", ChkconfigDialect.El6)]
    [InlineData("CentOS Linux release 7.9.2009 (Core)\n", ChkconfigDialect.Current)]
    public void TheReleaseFileDecidesAndIsNamedAsTheSource(string release, ChkconfigDialect dialect)
    {
        using var tree = new ServiceTree();
        File.WriteAllText(tree.HostPath("/etc/redhat-release"), release);
        Assert.Equal(new ChosenDialect(dialect, "/etc/redhat-release: " + release.Trim()), ChkconfigDialects.Detect(tree.Root));
    }

    [Fact]
    public void ALinkedReleaseFileIsFollowedInsideTheTree()
    {
        using var tree = new ServiceTree();
        File.WriteAllText(tree.HostPath("/etc/centos-release"), "CentOS release 6.10 (Final)\n");
        File.CreateSymbolicLink(tree.HostPath("/etc/redhat-release"), "/etc/centos-release");
        Assert.Equal(new ChosenDialect(ChkconfigDialect.El6, "/etc/redhat-release: CentOS release 6.10 (Final)"), ChkconfigDialects.Detect(tree.Root));
    }

    [Fact]
    public void CentosReleaseAloneAndNoReleaseFileAtAll()
    {
        using var tree = new ServiceTree();
        Assert.Equal(new ChosenDialect(ChkconfigDialect.Current, "default"), ChkconfigDialects.Detect(tree.Root));
        File.WriteAllText(tree.HostPath("/etc/centos-release"), "CentOS release 5.11 (Final)\n");
        Assert.Equal(new ChosenDialect(ChkconfigDialect.El5, "/etc/centos-release: CentOS release 5.11 (Final)"), ChkconfigDialects.Detect(tree.Root));
        Assert.Equal(new ChosenDialect(ChkconfigDialect.Current, "--compat"), ChkconfigDialects.Choose(ChkconfigDialect.Current, "--compat", tree.Root));
        Assert.Equal("el5, chkconfig 1.3.30.2 (from /etc/centos-release: CentOS release 5.11 (Final))", ChkconfigDialects.Detect(tree.Root).Describe());
    }

    [Fact]
    public void TheCommandTakesCompatThenTheTreesSettingThenItsReleaseFile()
    {
        using var tree = new ServiceTree().Script("nodesc", NoDescription);
        File.WriteAllText(tree.HostPath("/etc/redhat-release"), "CentOS release 5.11 (Final)\n");

        var (exit, _, err) = Chkconfig(tree, "--verbose", "--add", "nodesc");
        Assert.Equal(1, exit);
        Assert.Equal("personality chkconfig: rules of el5, chkconfig 1.3.30.2 (from /etc/redhat-release: CentOS release 5.11 (Final))\n" +
                     "service nodesc does not support chkconfig\n", err);

        Directory.CreateDirectory(tree.HostPath("/etc/sysconfig"));
        File.WriteAllText(tree.HostPath("/etc/sysconfig/personality"), "# ours\nCHKCONFIG_COMPAT=el6\n");
        (exit, _, err) = Chkconfig(tree, "--dry-run", "--add", "nodesc");
        Assert.Equal(0, exit);
        Assert.Equal("personality chkconfig: rules of el6, chkconfig 1.3.49.5 (from CHKCONFIG_COMPAT in /etc/sysconfig/personality:2)\n", err);

        (exit, _, err) = Chkconfig(tree, "--compat", "el5", "--verbose", "--list");
        Assert.Equal(0, exit);
        Assert.Equal("personality chkconfig: rules of el5, chkconfig 1.3.30.2 (from --compat)\n", err);

        File.WriteAllText(tree.HostPath("/etc/sysconfig/personality"), "CHKCONFIG_COMPAT=auto\n");
        Assert.Contains("as el5, chkconfig 1.3.30.2 (from /etc/redhat-release: CentOS release 5.11 (Final))", Chkconfig(tree, "--version").Out);
        Assert.Equal("", Chkconfig(tree, "--list").Err); // without --verbose or --dry-run, chkconfig's output only

        // --compat is ours, not chkconfig's: a mistake there follows personality's usage convention.
        (exit, _, err) = Chkconfig(tree, "--compat=el7", "--list");
        Assert.Equal(64, exit);
        Assert.Equal("personality chkconfig: --compat el7: must be el5, el6, current or auto\nTry 'personality chkconfig --help'.\n", err);
    }

    [Fact]
    public void CompatSettingIsReadAndABadValueIsReported()
    {
        using var tree = new TempDir();
        tree.Write("etc/sysconfig/personality", "CHKCONFIG_COMPAT=EL5\n");
        var d = new Diagnostics();
        Assert.Equal(ChkconfigCompatChoice.El5, BootSettings.From(SettingsLoader.Load(new TargetRoot(tree.Path), "", d), d).ChkconfigCompat);
        tree.Write("etc/sysconfig/personality", "CHKCONFIG_COMPAT=centos5\n");
        var settings = BootSettings.From(SettingsLoader.Load(new TargetRoot(tree.Path), "", d), d);
        Assert.Equal(ChkconfigCompatChoice.Auto, settings.ChkconfigCompat);
        Assert.Contains(d.All, x => x.Message.StartsWith("CHKCONFIG_COMPAT=centos5 is not one of auto, el5, el6, current", StringComparison.Ordinal));
    }

    [Fact]
    public void BootsNativeBackendAndDryRunsPredictionFollowTheStepsDialect()
    {
        using var tree = new ServiceTree().Script("nodesc", NoDescription);
        var origin = Origin.Of("test");
        ServiceStep Step(ChkconfigDialect dialect) => new(StageName.Services, "nodesc", origin, true, "3", ServiceBackendKind.Native, dialect);

        Assert.Equal("service-on nodesc levels 3 (native, el5)", Step(ChkconfigDialect.El5).ToString());
        var el5 = new DryRunRunner(tree.Root).Execute(Step(ChkconfigDialect.El5), new Ledger());
        Assert.Equal(StepOutcome.Planned("would fail: service nodesc does not support chkconfig"), el5);
        var current = new DryRunRunner(tree.Root).Execute(Step(ChkconfigDialect.Current), new Ledger());
        Assert.Equal(StepOutcome.Planned("would have created /etc/rc.d/rc3.d/S20nodesc"), current);

        var executor = new ServiceExecutor(new ApplyContext(tree.Root, new MountTable(), new Diagnostics(), NullLogger.Instance));
        var refused = Assert.Throws<ServiceException>(() => executor.Apply(Step(ChkconfigDialect.El5)));
        Assert.Equal("service nodesc does not support chkconfig", refused.Message);
        Assert.Equal(StepOutcome.Applied("created /etc/rc.d/rc3.d/S20nodesc"), executor.Apply(Step(ChkconfigDialect.Current)));
    }

    private static (int Exit, string Out, string Err) Chkconfig(ServiceTree tree, params string[] args)
    {
        var stdout = new StringWriter();
        var stderr = new StringWriter();
        var exit = ChkconfigCommand.Run(["--root", tree.Root.Directory, .. args], stdout, stderr, lang: null);
        return (exit, stdout.ToString(), stderr.ToString());
    }
}
