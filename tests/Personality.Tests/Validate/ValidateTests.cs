using System.Text.Json;
using Moq;
using Personality.Cli;
using Personality.Core;
using Personality.Validate;

namespace Personality.Tests.Validate;

public class ValidateTests
{
    private static (int Exit, string Out, string Err) Run(params string[] args)
    {
        var output = new StringWriter();
        var error = new StringWriter();
        var exit = ValidateCommand.Run(args, output, error);
        return (exit, output.ToString(), error.ToString());
    }

    [Theory]
    [InlineData("/etc/rwtab", "rwtab")]
    [InlineData("/etc/rwtab.d/myapp", "rwtab")]
    [InlineData("rwtab.el6", "rwtab")]
    [InlineData("/etc/statetab", "statetab")]
    [InlineData("/etc/statetab.d/keys", "statetab")]
    [InlineData("/var/lib/stateless/state/files", "statetab")]
    [InlineData("/etc/sysconfig/personality", "sysconfig")]
    [InlineData("/etc/sysconfig/readonly-root", "sysconfig")]
    [InlineData("sysconfig-readonly-root.el6", "sysconfig")]
    [InlineData("initscripts/sysconfig-personality", "sysconfig")]
    [InlineData("/mnt/app/personality.yaml", "manifest")]
    [InlineData("/etc/personality/ownership.yaml", "ownership")]
    [InlineData("/etc/personality", null)]
    [InlineData("/etc/rwtab.d", null)]
    [InlineData("/etc/fstab", "fstab")]
    [InlineData("/etc/hosts", null)]
    public void KindIsToldFromTheName(string path, string? kind) =>
        Assert.Equal(kind, FileValidators.Detect(path)?.Kind);

    [Theory]
    [InlineData("rwtab.fedora")]
    [InlineData("rwtab.el6")]
    [InlineData("rwtab.el5")]
    [InlineData("sysconfig-readonly-root.el6")]
    public void StockRedHatFilesAreClean(string name)
    {
        var (exit, output, _) = Run(SharedData.Path(name));
        Assert.Equal("1 file checked: no problems\n", output);
        Assert.Equal(0, exit);
    }

    [Fact]
    public void EveryBadTableLineIsAnErrorWithFileLineColumn()
    {
        using var dir = new TempDir();
        var rwtab = dir.Write("etc/rwtab", "dirs\t/var/cache/man\ndir /var/log\n  files var/lib/x\nempty\nfiles /var/../etc\n");
        var statetab = dir.Write("etc/statetab", "/var/lib/ok\n  relative/path /\n");
        var (exit, output, _) = Run(rwtab, statetab);
        Assert.Equal(1, exit);
        Assert.Equal(
            $"{rwtab}:2:1: error: unknown rwtab type 'dir'; line ignored (did you mean 'dirs'?)\n" +
            $"{rwtab}:3:9: error: 'var/lib/x' is a relative path; write it as an absolute path starting with /; line ignored\n" +
            $"{rwtab}:4:6: error: rwtab line 'empty' has no path; line ignored (write 'empty /absolute/path')\n" +
            $"{rwtab}:5:7: error: '/var/../etc' contains '..'; write the plain absolute path; line ignored\n" +
            $"{statetab}:2:3: error: 'relative/path' is a relative path; write it as an absolute path starting with /; entry ignored\n" +
            $"{statetab}:2:17: error: the root directory itself cannot be kept on the state volume; entry ignored\n" +
            "2 files checked: 6 errors, 0 warnings\n", output);
    }

    [Fact]
    public void SettingsFilesGetSyntaxUnknownKeysAndValuesCheckedInLineOrder()
    {
        using var dir = new TempDir();
        var file = dir.Write("etc/sysconfig/readonly-root",
            "READONLY=yes\nRW_LABLE=scratch\nDEVICE_TIMEOUT=soon\nSTATE_MOUNT=$HOME\nWHATEVER=1\nCLIENTSTATE=nfs:/x\n");
        var (exit, output, _) = Run(file);
        Assert.Equal(1, exit);
        Assert.Equal(
            $"{file}:2:1: error: unknown setting RW_LABLE; ignored (did you mean RW_LABEL?)\n" +
            $"{file}:3:1: error: DEVICE_TIMEOUT=soon is not a number of seconds between 0 and 600; using the default (write e.g. DEVICE_TIMEOUT=5)\n" +
            $"{file}:4:13: error: shell expansions and commands are not evaluated; the line is ignored (write the literal value)\n" +
            $"{file}:5:1: error: unknown setting WHATEVER; ignored (see personality(8) for the settings)\n" +
            $"{file}:6:1: error: CLIENTSTATE (state on NFS) is not supported; no NFS state is mounted (use a local volume labelled STATE_LABEL)\n" +
            "1 file checked: 5 errors, 0 warnings\n", output);
    }

    [Fact]
    public void TypeOverridesTheName()
    {
        using var dir = new TempDir();
        var file = dir.Write("my-table.txt", "/var/lib/a\n");
        Assert.Equal(0, Run("--type", "statetab", file).Exit);
        Assert.Equal(1, Run("--type=rwtab", file).Exit); // "/var/lib/a" is no rwtab type
    }

    [Fact]
    public void ADirectoryStandsForItsFilesWithoutBackups()
    {
        using var dir = new TempDir();
        dir.Write("etc/rwtab.d/b", "dirs /var/b\n");
        dir.Write("etc/rwtab.d/a", "files /var/a\n");
        dir.Write("etc/rwtab.d/a.rpmnew", "broken\n");
        dir.Write("etc/rwtab.d/c~", "broken\n");
        var (exit, output, _) = Run("--json", Path.Combine(dir.Path, "etc/rwtab.d"));
        Assert.Equal(0, exit);
        using var doc = JsonDocument.Parse(output);
        Assert.Equal(["a", "b"], doc.RootElement.GetProperty("files").EnumerateArray().Select(f => Path.GetFileName(f.GetProperty("path").GetString())));
    }

    [Fact]
    public void JsonListsFilesKindsAndDiagnostics()
    {
        using var dir = new TempDir();
        var rwtab = dir.Write("etc/rwtab", "dir /var/log\n");
        var (exit, output, _) = Run("--json", rwtab);
        Assert.Equal(1, exit);
        using var doc = JsonDocument.Parse(output);
        var r = doc.RootElement;
        Assert.Equal(1, r.GetProperty("schemaVersion").GetInt32());
        Assert.Equal("errors", r.GetProperty("result").GetString());
        var file = Assert.Single(r.GetProperty("files").EnumerateArray());
        Assert.Equal(rwtab, file.GetProperty("path").GetString());
        Assert.Equal("rwtab", file.GetProperty("kind").GetString());
        var d = Assert.Single(file.GetProperty("diagnostics").EnumerateArray());
        Assert.Equal(["severity", "message", "origin", "hint"], d.EnumerateObject().Select(p => p.Name));
        Assert.Equal("error", d.GetProperty("severity").GetString());
        Assert.Equal($"{rwtab}:1:1", d.GetProperty("origin").GetString());
        Assert.Equal("did you mean 'dirs'?", d.GetProperty("hint").GetString());
    }

    [Fact]
    public void AMissingFileIsAnErrorNamingIt()
    {
        var (exit, output, _) = Run("/no/such/etc/rwtab");
        Assert.Equal(1, exit);
        Assert.StartsWith("/no/such/etc/rwtab: error: cannot read the file: ", output);
    }

    [Theory]
    [InlineData]
    [InlineData("--bogus", "/etc/rwtab")]
    [InlineData("--type")]
    [InlineData("--type", "hosts", "/etc/rwtab")]
    [InlineData("/etc/hosts")]
    public void UsageErrorsExit64(params string[] args)
    {
        var (exit, output, error) = Run(args);
        Assert.Equal(64, exit);
        Assert.Equal("", output);
        Assert.StartsWith("personality validate: ", error);
    }

    [Fact]
    public void HelpExits0()
    {
        var (exit, output, _) = Run("--help");
        Assert.Equal(0, exit);
        Assert.StartsWith("Usage: personality validate", output);
    }

    [Fact]
    public void KindsThatKeepWarningsReportThemAsWarningsAndStillFail()
    {
        using var dir = new TempDir();
        var file = dir.Write("thing.conf", "x\n");
        var validator = new Mock<IFileValidator>();
        validator.Setup(v => v.Kind).Returns("manifest");
        validator.Setup(v => v.WarningsAreErrors).Returns(false);
        validator.Setup(v => v.Validate(It.IsAny<string>(), file, It.IsAny<Diagnostics>()))
            .Callback((string _, string path, Diagnostics d) => d.Warn("old key", new Origin(path, 1, 1), "rename it"));
        var report = new ValidateReport([ValidateReport.Check(file, validator.Object)]);
        var text = new StringWriter();
        ValidateOutput.WriteText(text, report);
        Assert.Equal($"{file}:1:1: warning: old key (rename it)\n1 file checked: 0 errors, 1 warning\n", text.ToString());
        Assert.Equal(1, report.ExitCode);
    }

    [Fact]
    public void AManifestIsReadByTheBootReaderAndItsProblemsNameTheFileGiven()
    {
        using var dir = new TempDir();
        var good = dir.Write("app/personality.yaml", "version: 1\nrole: app\npersonality: web\nstate: [/var/lib/web]\n");
        Assert.Equal((0, "1 file checked: no problems\n"), (Run(good).Exit, Run(good).Out));

        var bad = dir.Write("bad/personality.yaml", "version: 1\nrole: app\npersonality: web\nstat: [/var/lib/web]\n");
        var (exit, output, _) = Run(bad);
        Assert.Equal(1, exit);
        Assert.StartsWith($"{bad}:4:1: error: ", output);
        Assert.EndsWith("1 file checked: 1 error, 0 warnings\n", output);
    }

    [Fact]
    public void AnOwnershipPolicyIsCheckedWithTypeForAnyName()
    {
        using var dir = new TempDir();
        var bad = dir.Write("policy.txt", "version: 2\n");
        var (exit, output, _) = Run("--type", "ownership", bad);
        Assert.Equal(1, exit);
        Assert.StartsWith($"{bad}:1:", output);
        Assert.Contains("unsupported version '2'", output);
    }
}
