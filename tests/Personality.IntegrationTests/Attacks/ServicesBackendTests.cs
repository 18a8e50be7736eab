using Personality.IntegrationTests.Harness;
using Xunit;

namespace Personality.IntegrationTests.Attacks;

/// <summary>
/// SERVICES_BACKEND=chkconfig asks for the guest's own /sbin/chkconfig. On a tree without it the boot must
/// say so and leave the services alone, not quietly use the native engine as "auto" would; with
/// SERVICES_BACKEND=native the native engine does the work.
/// </summary>
[Collection("root")]
public sealed class ServicesBackendTests
{
    private static GuestTree ServiceTree(string name, string appLabel, string backend)
    {
        var tree = GuestTree.Create(name);
        PersonalityGuest.Prepare(tree, ConfigLabels.Host(), appLabel, ("SERVICES_BACKEND", backend));
        InitScripts.Layout(tree);
        InitScripts.AddChkconfig(tree, "httpd", "-", 85, 15);
        return tree;
    }

    /// <summary>Boots a tree with httpd off and an app volume turning it on in 345; checks what the boot left.</summary>
    private static void BootWith(string backend, Action<BootObservation, SortedSet<string>> check)
    {
        var appLabel = ConfigLabels.App();
        using var tree = ServiceTree("svc-backend-" + backend, appLabel, backend);
        Assert.False(File.Exists(tree.HostPath("/sbin/chkconfig")), "the tree must have no /sbin/chkconfig");
        using var app = new ConfigVolume(appLabel).Manifest("version: 1\nrole: app\npersonality: web\nservices:\n  on: [httpd]\n  levels: \"345\"\n").Attach();
        var obs = tree.Run("boot 1 ''\nsnapshot_tree \"$ROOT/etc/rc.d\" rc");
        var boot = obs.Boot(1);
        Expect.Booted(boot, tree);
        Expect.True(boot.Status.Setting("SERVICES_BACKEND") == backend, $"SERVICES_BACKEND is '{boot.Status.Setting("SERVICES_BACKEND")}'", boot);
        check(boot, InitScripts.LinksOf(obs.Tree("rc"), "httpd"));
    }

    [Fact]
    public void TheChkconfigBackendWithoutTheGuestsChkconfigFailsInsteadOfUsingTheNativeEngine() => BootWith("chkconfig", (boot, links) =>
    {
        var done = boot.Status.Steps.Where(s => s.Target == "httpd" && s.Result is "applied" or "unchanged").ToList();
        Expect.True(done.Count == 0, $"httpd was toggled without the guest's chkconfig: {string.Join("; ", done)}", boot);
        Expect.True(links.SetEquals(InitScripts.Expected("httpd", "", 85, 15)), $"httpd links changed: {InitScripts.Show(links)}", boot);
        var failedStep = boot.Status.Steps.Any(s => s.Target == "httpd" && s.Result == "failed");
        var error = boot.Status.Errors.Any(e => PersonalityGuest.Text(e).Contains("chkconfig"));
        Expect.True(error, $"no error says the guest's chkconfig is missing (httpd step failed: {failedStep})", boot);
    });

    [Fact]
    public void TheNativeBackendTogglesWithTheNativeEngine() => BootWith("native", (boot, links) =>
    {
        Expect.Result("applied", boot);
        Expect.Step(boot, "httpd", "service-on", "applied");
        Expect.True(links.SetEquals(InitScripts.Expected("httpd", "345", 85, 15)), $"httpd links {InitScripts.Show(links)}", boot);
    });
}
