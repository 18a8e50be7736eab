using Personality.IntegrationTests.Harness;
using Xunit;

namespace Personality.IntegrationTests;

/// <summary>
/// Services are reconciled, not only toggled. The rc?.d link farm is kept on the state volume (the
/// statetab lists it), so what one personality switches survives a reboot; when the guest's app volume
/// is swapped for another role, every service the new personality does not mention goes back to the
/// image's setting before the new one's services are switched. Swapped both ways and back, each boot in a
/// fresh namespace on the same real state volume.
/// </summary>
[Collection("root")]
public sealed class RoleSwapServicesTests
{
    private static readonly string RcDirs = string.Concat(Enumerable.Range(0, 7).Select(l => $"/etc/rc.d/rc{l}.d\n"));

    private static ConfigVolume Role(string label, string personality, string services) =>
        new ConfigVolume(label).Manifest($"version: 1\nrole: app\npersonality: {personality}\nservices:\n{services}").Attach();

    /// <summary>The runlevel-3 state of each service of the image, as the boot left it (its own namespace).</summary>
    private static Dictionary<string, bool> Level3(GuestTree tree, string step)
    {
        var obs = tree.Run($"boot 1 ''\nsnapshot_tree \"$ROOT/etc/rc.d\" rc");
        Expect.Booted(obs.Boot(1), tree);
        Expect.Result("applied", obs.Boot(1));
        var links = InitScripts.Links(obs.Tree("rc"));
        return new[] { "httpd", "memcached", "cups", "mysqld" }.ToDictionary(s => s,
            s => links.Any(l => l.StartsWith("rc3.d/S", StringComparison.Ordinal) && l.EndsWith("/" + s, StringComparison.Ordinal)));
    }

    [Fact]
    public void ASwappedRoleLeavesNothingOfTheOldRolesServicesAndSwappingBackRestoresIt()
    {
        var stateLabel = Labels.Unique();
        var appLabel = ConfigLabels.App();
        using var state = LoopVolume.Create(FsType.Ext4, stateLabel);
        using var tree = GuestTree.Create("role-swap");
        tree.WriteReadonlyRoot(Labels.Unique(), stateLabel);
        PersonalityGuest.Prepare(tree, ConfigLabels.Host(), appLabel);
        InitScripts.Layout(tree);
        InitScripts.AddChkconfig(tree, "httpd", "-", 85, 15);
        InitScripts.AddChkconfig(tree, "cups", "2345", 56, 10);
        InitScripts.AddChkconfig(tree, "mysqld", "-", 64, 36);
        InitScripts.AddLsb(tree, "memcached", "", "0 1 2 3 4 5 6");
        tree.WriteRwtab("empty /tmp\n");
        tree.WriteStatetab(RcDirs);
        var image = new Dictionary<string, bool> { ["httpd"] = false, ["memcached"] = false, ["cups"] = true, ["mysqld"] = false };
        const string web = "  on: [httpd, memcached]\n  off: [cups]\n";
        const string db = "  on: [mysqld]\n";

        Dictionary<string, bool> asWeb1, asDb, asWeb2, asNone;
        using (Role(appLabel, "web", web)) asWeb1 = Level3(tree, "web");
        using (Role(appLabel, "db", db)) asDb = Level3(tree, "db");
        using (Role(appLabel, "web", web)) asWeb2 = Level3(tree, "web again");
        asNone = Level3(tree, "no app volume");

        Assert.Equal(new Dictionary<string, bool> { ["httpd"] = true, ["memcached"] = true, ["cups"] = false, ["mysqld"] = false }, asWeb1);
        // The db role: the web role's httpd and memcached off again, cups back on, as in the image; mysqld on.
        Assert.Equal(new Dictionary<string, bool>(image) { ["mysqld"] = true }, asDb);
        Assert.Equal(asWeb1, asWeb2);
        // No personality at all: everything as the image says.
        Assert.Equal(image, asNone);
    }

    /// <summary>/etc/web as a boot left it: each file's content, "-" for none.</summary>
    private static (string App, string Only) WebFiles(GuestTree tree)
    {
        var obs = tree.Run("""
            boot 1 ''
            { cat "$ROOT/etc/web/app.conf" 2>/dev/null || echo -; } >"$OUT/app.txt"
            { cat "$ROOT/etc/web/web-only.conf" 2>/dev/null || echo -; } >"$OUT/only.txt"
            """);
        Expect.Booted(obs.Boot(1), tree);
        Expect.Result("applied", obs.Boot(1));
        return (obs.ReadOut("app.txt").Trim(), obs.ReadOut("only.txt").Trim());
    }

    private static ConfigVolume FilesRole(string label, string personality, bool placesFiles)
    {
        var v = new ConfigVolume(label).Manifest($"version: 1\nrole: app\npersonality: {personality}\n" + (placesFiles
            ? "files:\n  - {path: /etc/web/app.conf, source: files/app.conf}\n  - {path: /etc/web/web-only.conf, source: files/only.conf}\n"
            : ""));
        if (placesFiles) v.File("files/app.conf", "web's app.conf\n").File("files/only.conf", "web only\n");
        return v.Attach();
    }

    [Fact]
    public void FilesARoleCopiedWhereTheyPersistGoBackToTheImagesWhenTheRoleChanges()
    {
        var stateLabel = Labels.Unique();
        var appLabel = ConfigLabels.App();
        using var state = LoopVolume.Create(FsType.Ext4, stateLabel);
        using var tree = GuestTree.Create("role-swap-files");
        tree.WriteReadonlyRoot(Labels.Unique(), stateLabel);
        PersonalityGuest.Prepare(tree, ConfigLabels.Host(), appLabel);
        tree.AddDir("/etc/web").AddFile("/etc/web/app.conf", "image's app.conf\n");
        tree.WriteRwtab("empty /tmp\n");
        tree.WriteStatetab("/etc/web\n"); // kept on the state volume: what a role writes there persists

        (string, string) asWeb1, asDb, asWeb2;
        using (FilesRole(appLabel, "web", placesFiles: true)) asWeb1 = WebFiles(tree);
        using (FilesRole(appLabel, "db", placesFiles: false)) asDb = WebFiles(tree);
        using (FilesRole(appLabel, "web", placesFiles: true)) asWeb2 = WebFiles(tree);

        Assert.Equal(("web's app.conf", "web only"), asWeb1);
        Assert.Equal(("image's app.conf", "-"), asDb);
        Assert.Equal(asWeb1, asWeb2);
    }
}
