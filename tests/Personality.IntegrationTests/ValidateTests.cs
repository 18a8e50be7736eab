using System.Text.Json;
using Personality.IntegrationTests.Harness;
using Xunit;

namespace Personality.IntegrationTests;

/// <summary>`personality validate` on the published binary: stock files are clean, every broken line is named.</summary>
public sealed class ValidateTests : IDisposable
{
    private readonly TempDir _dir = new("validate");

    public void Dispose() => _dir.Dispose();

    private static ProcessResult Validate(params string[] args) => Shell.Run(RepoPaths.Binary, ["validate", .. args]);

    private string Write(string relative, string text)
    {
        var path = Path.Combine(_dir.Path, relative);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, text);
        return path;
    }

    [Fact]
    public void StockRedHatFilesAreClean()
    {
        var files = new[] { "rwtab.fedora", "rwtab.el6", "rwtab.el5", "sysconfig-readonly-root.el6" }.Select(RepoPaths.SharedData).ToArray();
        var r = Validate(files);
        Assert.True(r.ExitCode == 0, r.ToString());
        Assert.Equal("4 files checked: no problems\n", r.Stdout);
        Assert.Equal("", r.Stderr);
    }

    [Fact]
    public void StockTablesInstalledAsEtcFilesAreClean()
    {
        Write("etc/rwtab", File.ReadAllText(RepoPaths.SharedData("rwtab.fedora")));
        Write("etc/rwtab.d/el6", File.ReadAllText(RepoPaths.SharedData("rwtab.el6")));
        Write("etc/statetab", "# kept\n/var/lib/foo\n/etc/ssh/keys /var/spool/x\n");
        Write("etc/sysconfig/personality", File.ReadAllText(Path.Combine(RepoPaths.Root, "initscripts", "sysconfig-personality")));
        var r = Validate(Path.Combine(_dir.Path, "etc/rwtab"), Path.Combine(_dir.Path, "etc/rwtab.d"),
            Path.Combine(_dir.Path, "etc/statetab"), Path.Combine(_dir.Path, "etc/sysconfig/personality"));
        Assert.True(r.ExitCode == 0, r.ToString());
        Assert.Equal("4 files checked: no problems\n", r.Stdout);
    }

    [Fact]
    public void BrokenStockRwtabReportsEveryBadLineExactly()
    {
        // rwtab.el6 with three lines broken: a misspelt type, a relative path, a type without a path.
        var lines = File.ReadAllText(RepoPaths.SharedData("rwtab.el6")).Split('\n');
        var dirsLine = Array.FindIndex(lines, l => l.StartsWith("dirs", StringComparison.Ordinal));
        var emptyLine = Array.FindIndex(lines, l => l.StartsWith("empty", StringComparison.Ordinal));
        var filesLine = Array.FindIndex(lines, l => l.StartsWith("files", StringComparison.Ordinal));
        lines[dirsLine] = "dir" + lines[dirsLine][4..];
        lines[emptyLine] = "empty\tvar/tmp/relative";
        lines[filesLine] = "files";
        var file = Write("etc/rwtab.d/broken", string.Join('\n', lines));

        var r = Validate(file);
        Assert.True(r.ExitCode == 1, r.ToString());
        var expected = new[]
        {
            (dirsLine, $"{file}:{dirsLine + 1}:1: error: unknown rwtab type 'dir'; line ignored (did you mean 'dirs'?)"),
            (emptyLine, $"{file}:{emptyLine + 1}:7: error: 'var/tmp/relative' is a relative path; write it as an absolute path starting with /; line ignored"),
            (filesLine, $"{file}:{filesLine + 1}:6: error: rwtab line 'files' has no path; line ignored (write 'files /absolute/path')"),
        }.OrderBy(e => e.Item1).Select(e => e.Item2);
        Assert.Equal(string.Join('\n', expected) + "\n1 file checked: 3 errors, 0 warnings\n", r.Stdout);
    }

    [Fact]
    public void BrokenStatetabAndAMisspeltSettingAreErrors()
    {
        var statetab = Write("etc/statetab", "/var/lib/ok\n\t/var/lib/a/../b\n");
        var sysconfig = Write("etc/sysconfig/readonly-root", "READONLY=yes\nSTATE_LABLE=mystate\n");
        var r = Validate(statetab, sysconfig);
        Assert.True(r.ExitCode == 1, r.ToString());
        Assert.Equal(
            $"{statetab}:2:2: error: '/var/lib/a/../b' contains '..'; write the plain absolute path; entry ignored\n" +
            $"{sysconfig}:2:1: error: unknown setting STATE_LABLE; ignored (did you mean STATE_LABEL?)\n" +
            "2 files checked: 2 errors, 0 warnings\n", r.Stdout);
    }

    [Fact]
    public void JsonNamesEveryFileWithItsKind()
    {
        var rwtab = Write("etc/rwtab", "dirs /var/log\n");
        var sysconfig = Write("etc/sysconfig/personality", "DEVICE_TIMEUOT=9\n");
        var r = Validate("--json", rwtab, sysconfig);
        Assert.True(r.ExitCode == 1, r.ToString());
        using var doc = JsonDocument.Parse(r.Stdout);
        var root = doc.RootElement;
        Assert.Equal(1, root.GetProperty("schemaVersion").GetInt32());
        var files = root.GetProperty("files").EnumerateArray().ToList();
        Assert.Equal([("rwtab", 0), ("sysconfig", 1)], files.Select(f => (f.GetProperty("kind").GetString()!, f.GetProperty("diagnostics").GetArrayLength())));
        var d = files[1].GetProperty("diagnostics")[0];
        Assert.Equal($"{sysconfig}:1:1", d.GetProperty("origin").GetString());
        Assert.Equal("did you mean DEVICE_TIMEOUT?", d.GetProperty("hint").GetString());
    }

    [Fact]
    public void ManifestAndOwnershipPolicyAreCheckedByTheStaticBinary()
    {
        // The YAML readers must work without reflection: this is the AOT binary, not the JIT build.
        var good = Write("app/personality.yaml", "version: 1\nrole: app\npersonality: web\nstate: [/var/lib/web]\nservices:\n  on: [httpd]\n");
        var r = Validate(good);
        Assert.True(r.ExitCode == 0, r.ToString());

        var manifest = Write("bad/personality.yaml", "version: 1\nrole: app\npersonality: web\nstat: [/var/lib/web]\n");
        var policy = Write("etc/personality/ownership.yaml", "version: 1\nroles:\n  host:\n    paths: [/etc/passwd]\n");
        r = Validate("--json", manifest, policy);
        Assert.True(r.ExitCode == 1, r.ToString());
        using var doc = JsonDocument.Parse(r.Stdout);
        var files = doc.RootElement.GetProperty("files").EnumerateArray().ToList();
        Assert.Equal(["manifest", "ownership"], files.Select(f => f.GetProperty("kind").GetString()));
        Assert.Equal($"{manifest}:4:1", files[0].GetProperty("diagnostics")[0].GetProperty("origin").GetString());
        Assert.StartsWith($"{policy}:4:", files[1].GetProperty("diagnostics")[0].GetProperty("origin").GetString());
    }

    [Fact]
    public void TheStaticBinaryReportsStructuralAndValueErrorsInOnePass()
    {
        // The scanner edits the event stream it replays into the generated deserializer: this must hold without reflection.
        var manifest = Write("one-pass/personality.yaml",
            "version: 1\nrole: app\npersonality: web\nstat: [/var/lib/web]\nfiles:\n  - path: [/a]\n    source: /abs\n  - &x {path: /b, source: b, mode: \"999\"}\n" +
            "services: {on: [httpd], levels: \"9\"}\n");
        var r = Validate(manifest);
        Assert.True(r.ExitCode == 1, r.ToString());
        Assert.Equal(
            $"{manifest}:4:1: error: unknown key 'stat' (did you mean 'state'?)\n" +
            $"{manifest}:6:11: error: 'path' must be a single value, not a list (write one value; quote it if it contains ': ' or starts with a special character)\n" +
            $"{manifest}:7:13: error: bad source: '/abs' is an absolute path; write it relative to the volume root, e.g. files/app.conf (the source is a file on this volume, relative to its root)\n" +
            $"{manifest}:8:5: error: anchors (&x) are not allowed (write each value out in full: anchors and aliases are refused so that a small file cannot expand into a huge one)\n" +
            $"{manifest}:8:36: error: bad mode '999' (write 3 or 4 octal digits in quotes, e.g. mode: \"0640\")\n" +
            $"{manifest}:9:33: error: bad run levels '9' (write digits 0-6, each once, in quotes, e.g. levels: \"345\")\n" +
            "1 file checked: 6 errors, 0 warnings\n", r.Stdout);
    }

    [Fact]
    public void ADirectoryOfAnImageIsCheckedAtEveryDepth()
    {
        Write("image/etc/rwtab", "dirs /var/log\n");
        Write("image/etc/rwtab.d/app", "empty /tmp extra\n");
        Write("image/etc/sysconfig/readonly-root", "READONLY=maybe\n");
        Write("image/etc/fstab", "LABEL=TWELVE_CHARS /var/lib/stateless/state vfat defaults 0 0\n");
        var r = Validate(Path.Combine(_dir.Path, "image"));
        Assert.True(r.ExitCode == 1, r.ToString());
        Assert.EndsWith("4 files checked: 3 errors, 0 warnings\n", r.Stdout);
    }

    [Fact]
    public void UsageErrorsAreExit64()
    {
        Assert.Equal(64, Validate().ExitCode);
        Assert.Equal(64, Validate("--type", "nonsense", Write("x", "")).ExitCode);
        var r = Validate(Write("some.conf", "x\n"));
        Assert.Equal(64, r.ExitCode);
        Assert.Contains("give --type", r.Stderr);
    }
}
