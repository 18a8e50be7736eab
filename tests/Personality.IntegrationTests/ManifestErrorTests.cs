using Personality.IntegrationTests.Harness;
using Xunit;

namespace Personality.IntegrationTests;

/// <summary>
/// A manifest with an error: errors[] entries with origin LABEL:personality.yaml:LINE:COL, nothing of
/// that volume applied, the other volume still applied, boot exits 0, result "failed".
/// </summary>
[Collection("root")]
public sealed class ManifestErrorTests
{
    private const string Valid = """
        version: 1
        role: app
        personality: web
        files:
          - path: /etc/web/app.conf
            source: files/app.conf
            mode: "0640"

        """;

    /// <summary>name -> (manifest, the text on the error's line, check its column too, what the message must say: one of).</summary>
    private static readonly Dictionary<string, (string Manifest, string Needle, bool Column, string[] AnyOf)> Cases = new()
    {
        ["unknown key, did you mean"] = (Valid + "servics:\n  on: [httpd]\n", "servics:", true, ["services"]),
        ["wrong type"] = (Valid + "services: [httpd]\n", "services: [httpd]", false, []),
        ["bad mode"] = (Valid.Replace("\"0640\"", "\"0999\""), "mode: \"0999\"", false, ["mode", "0999"]),
        ["relative path"] = (Valid.Replace("path: /etc/web/app.conf", "path: etc/web/app.conf"), "path: etc/web/app.conf", false, ["absolute", "relative"]),
        ["dot-dot"] = (Valid.Replace("path: /etc/web/app.conf", "path: /etc/web/../web/app.conf"), "path: /etc/web/../", false, [".."]),
        ["role mismatch"] = (Valid.Replace("role: app\npersonality: web\n", "role: host\nhostname: web01\n"), "role: host", false, ["role", "host"]),
        ["yaml syntax"] = (Valid.Replace("personality: web\n", "personality: web: extra\n"), "personality: web: extra", false, []),
    };

    [Theory]
    [InlineData("unknown key, did you mean")]
    [InlineData("wrong type")]
    [InlineData("bad mode")]
    [InlineData("relative path")]
    [InlineData("dot-dot")]
    [InlineData("role mismatch")]
    [InlineData("yaml syntax")]
    public void AnErrorInTheAppManifestAppliesNothingOfItButTheHostVolumeIsStillApplied(string name)
    {
        var (manifest, needle, column, anyOf) = Cases[name];
        var hostLabel = ConfigLabels.Host();
        var appLabel = ConfigLabels.App();
        using var tree = GuestTree.Create("man-err");
        PersonalityGuest.Prepare(tree, hostLabel, appLabel);
        tree.AddDir("/etc/web");
        tree.AddFile("/etc/resolv.conf", "nameserver 192.0.2.1\n");
        using var host = new ConfigVolume(hostLabel)
            .Manifest("version: 1\nrole: host\nfiles:\n  - path: /etc/resolv.conf\n    source: files/resolv.conf\n")
            .File("files/resolv.conf", "nameserver 198.51.100.7\n").Attach();
        using var app = new ConfigVolume(appLabel).Manifest(manifest).File("files/app.conf", "app config\n").Attach();

        var obs = tree.Run("boot 1 ''");
        var boot = obs.Boot(1);
        var status = Expect.Booted(boot, tree); // exit 0
        Expect.Result("failed", boot);

        var error = PersonalityGuest.ErrorOnLine(boot, app, needle, anyOf);
        Expect.True(app.IsManifestOrigin(error.Origin), $"origin '{error.Origin}' is not {app.OriginFile}:LINE:COL", boot);
        if (column)
            Expect.True(error.Origin == app.OriginAt(needle), $"origin '{error.Origin}', expected {app.OriginAt(needle)}", boot);

        // Nothing of the app volume.
        var fromApp = PersonalityGuest.StepsFrom(boot, app).Where(s => s.Stage != "volumes").ToList();
        Expect.True(fromApp.Count == 0, "steps from the broken manifest:\n  " + string.Join("\n  ", fromApp), boot);
        Assert.False(File.Exists(tree.HostPath("/etc/web/app.conf")), "/etc/web/app.conf was written from the broken manifest");
        Assert.Empty(Directory.GetFileSystemEntries(tree.HostPath("/etc/web")));
        Expect.True(PersonalityGuest.PersonalityName(status) is null or "", $"personality '{PersonalityGuest.PersonalityName(status)}' from a broken manifest", boot);

        // The host volume still.
        Expect.Step(boot, "/etc/resolv.conf", "file-copy", "applied", host.OriginFile, host.Line("- path: /etc/resolv.conf"));
        Assert.Equal("nameserver 198.51.100.7\n", File.ReadAllText(tree.HostPath("/etc/resolv.conf")));
    }
}
