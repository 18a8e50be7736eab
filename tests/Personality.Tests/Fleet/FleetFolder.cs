using Personality.Core;
using Personality.Fleet;

namespace Personality.Tests.Fleet;

/// <summary>A fleet folder in a temporary directory: fleet.yaml, two valid personalities and the images it names.</summary>
internal sealed class FleetFolder : IDisposable
{
    public const string WebManifest = "version: 1\nrole: app\npersonality: web\nservices: {on: [httpd]}\n";

    private readonly TempDir _dir = new();

    public FleetFolder()
    {
        _dir.Write("personalities/web/personality.yaml", WebManifest);
        _dir.Write("personalities/web/files/app.conf", "listen=8080\n");
        _dir.Write("personalities/db/personality.yaml", "version: 1\nrole: app\npersonality: db\n");
        _dir.Write("images/base.img", "not really an image\n");
        _dir.Write("images/vmlinux", "");
    }

    public string Path => _dir.Path;
    public string File => System.IO.Path.Combine(_dir.Path, "fleet.yaml");

    public string Write(string relative, string content) => _dir.Write(relative, content);

    /// <summary>Reads <paramref name="yaml"/> as fleet.yaml (origins say "fleet.yaml"); asserts it has no problem.</summary>
    public Personality.Fleet.Fleet Ok(string yaml)
    {
        var d = new Diagnostics();
        var fleet = Parse(yaml, d);
        Assert.True(d.All.Count == 0, string.Join("\n", d.All));
        return Assert.IsType<Personality.Fleet.Fleet>(fleet);
    }

    /// <summary>The problems of <paramref name="yaml"/>, as text; asserts there is no fleet.</summary>
    public List<string> Errors(string yaml)
    {
        var d = new Diagnostics();
        Assert.Null(Parse(yaml, d));
        Assert.NotEmpty(d.All);
        return d.All.Select(x => x.ToString()).ToList();
    }

    private Personality.Fleet.Fleet? Parse(string yaml, Diagnostics d)
    {
        System.IO.File.WriteAllText(File, yaml);
        return FleetReader.Parse("fleet.yaml", File, yaml, d);
    }

    public void Dispose() => _dir.Dispose();
}
