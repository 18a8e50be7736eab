using System.Text;
using System.Text.Json;
using Personality.Cli;

namespace Personality.Tests.Validate;

/// <summary>
/// `personality validate` finds every problem in one pass, each at its FILE:LINE:COL, including the
/// ones boot would take silently.
/// </summary>
public class ValidateFindsEveryProblemTests
{
    private static (int Exit, string Out, string Err) Run(params string[] args)
    {
        var output = new StringWriter();
        var error = new StringWriter();
        var exit = ValidateCommand.Run(args, output, error);
        return (exit, output.ToString(), error.ToString());
    }

    private static string[] Lines(string output) => output.TrimEnd('\n').Split('\n');

    [Fact]
    public void ATabDeepInAManifestIsReportedOnItsOwnLine()
    {
        using var dir = new TempDir();
        var file = dir.Write("app/personality.yaml",
            "version: 1\nrole: app\npersonality: web\nstate:\n  - /var/lib/a\n  - /var/lib/b\nservices:\n  on: [httpd]\n  off: [cups]\n" +
            "files:\n\t- {path: /etc/x, source: files/x}\n");
        var (exit, output, _) = Run(file);
        Assert.Equal(1, exit);
        Assert.Equal($"{file}:11:1: error: a tab in the indentation (YAML indents with spaces only: replace the tab with spaces)", Lines(output)[0]);
    }

    [Fact]
    public void StructuralAndValueErrorsOfAManifestComeInOneRunInLineOrder()
    {
        using var dir = new TempDir();
        var file = dir.Write("app/personality.yaml",
            "version: 1\nrole: app\npersonality: web\nstat: [/var/lib/web]\nfiles:\n  - path: /etc/x\n    source: /abs\n    mdoe: \"0640\"\n" +
            "services:\n  levels: \"9\"\nhooks: /h\n");
        var (exit, output, _) = Run(file);
        Assert.Equal(1, exit);
        Assert.Equal(
            [
                $"{file}:4:1: error: unknown key 'stat' (did you mean 'state'?)",
                $"{file}:7:13: error: bad source: '/abs' is an absolute path; write it relative to the volume root, e.g. files/app.conf (the source is a file on this volume, relative to its root)",
                $"{file}:8:5: error: unknown key 'mdoe' (did you mean 'mode'?)",
                $"{file}:10:11: error: bad run levels '9' (write digits 0-6, each once, in quotes, e.g. levels: \"345\")",
                $"{file}:11:8: error: 'hooks' must be a list, not a single value (write [a, b] or one '- item' per line)",
                "1 file checked: 5 errors, 0 warnings",
            ],
            Lines(output));
    }

    [Fact]
    public void TextThatIsNotUtf8NamesItsLineAndTheRestIsStillChecked()
    {
        using var dir = new TempDir();
        var settings = Path.Combine(dir.Dir("etc/sysconfig"), "readonly-root");
        File.WriteAllBytes(settings, [.. "READONLY=yes\nRW_LABEL=caf"u8, 0xE9, .. "\nSTATE_LABLE=x\n"u8]);
        var manifest = Path.Combine(dir.Dir("app"), "personality.yaml");
        File.WriteAllBytes(manifest, [.. "version: 1\nrole: app\npersonality: web\n# caf"u8, 0xE9, .. "\nstate: [relative]\n"u8]);
        var (exit, output, _) = Run(settings, manifest);
        Assert.Equal(1, exit);
        Assert.Equal(
            [
                $"{settings}:2:13: error: this line is not valid UTF-8 text (byte 0xE9) (save the file as UTF-8 text)",
                $"{settings}:3:1: error: unknown setting STATE_LABLE; ignored (did you mean STATE_LABEL?)",
                $"{manifest}:4:6: error: this line is not valid UTF-8 text (byte 0xE9) (save the file as UTF-8 text)",
                $"{manifest}:5:9: error: bad state path: 'relative' is a relative path; write it as an absolute path starting with /",
                "2 files checked: 4 errors, 0 warnings",
            ],
            Lines(output));
    }

    [Fact]
    public void AYesNoSettingThatIsNeitherIsAnErrorSayingHowBootReadsIt()
    {
        using var dir = new TempDir();
        var file = dir.Write("etc/sysconfig/readonly-root", "READONLY=maybe\nSLAVE_MOUNTS=perhaps\nTEMPORARY_STATE=NO\nDEBUG=\nON_FAILURE=hlt\n");
        var (exit, output, _) = Run(file);
        Assert.Equal(1, exit);
        Assert.Equal(
            [
                $"{file}:1:1: error: READONLY=maybe: neither a true nor a false word; boot takes it as no (write READONLY=yes or READONLY=no (also true/false, on/off, 1/0, y/n, t/f))",
                $"{file}:2:1: error: SLAVE_MOUNTS=perhaps: neither a true nor a false word; boot takes it as yes (write SLAVE_MOUNTS=yes or SLAVE_MOUNTS=no (also true/false, on/off, 1/0, y/n, t/f))",
                $"{file}:4:1: error: DEBUG is empty: neither a true nor a false word; boot takes it as no (write DEBUG=yes or DEBUG=no (also true/false, on/off, 1/0, y/n, t/f))",
                $"{file}:5:1: error: ON_FAILURE=hlt is not one of continue, halt; using continue (write ON_FAILURE=continue)",
                "1 file checked: 4 errors, 0 warnings",
            ],
            Lines(output));
    }

    [Fact]
    public void UnknownMountOptionsAreFoundInSettingsFstabAndManifests()
    {
        using var dir = new TempDir();
        var settings = dir.Write("etc/sysconfig/readonly-root",
            "RW_OPTIONS=\"-o size=64m,nodve -o mode=0755\"\nSTATE_OPTIONS=noatime,data=ordered,bogus\n");
        var fstab = dir.Write("etc/fstab",
            "LABEL=state /var/lib/stateless/state ext4 defaults,noatim,errors=remount-ro 0 2\n" +
            "server:/x /mnt nfs rw,hard,intr,rsize=8192 0 0\n" +
            "none /var/lib/stateless/writable tmpfs size=64m,mode=0755,x-systemd.automount 0 0\n");
        var manifest = dir.Write("app/personality.yaml",
            "version: 1\nrole: app\npersonality: web\nmounts:\n  - {label: WEBAPP, path: /opt/web, options: [ro, nosiud]}\n");
        var (exit, output, _) = Run(settings, fstab, manifest);
        Assert.Equal(1, exit);
        Assert.Equal(
            [
                $"{settings}:1:1: error: RW_OPTIONS: unknown mount option 'nodve' for tmpfs (did you mean 'nodev'?)",
                $"{settings}:2:1: error: STATE_OPTIONS: unknown mount option 'bogus' (see mount(8) and the filesystem's own manual page)",
                $"{fstab}:1:52: error: unknown mount option 'noatim' for ext4 (did you mean 'noatime'?)",
                $"{manifest}:5:51: warning: unknown mount option 'nosiud' (did you mean 'nosuid'?)",
                "3 files checked: 3 errors, 1 warning",
            ],
            Lines(output));
    }

    [Fact]
    public void AVfatLabelLongerThan11BytesIsAnError()
    {
        using var dir = new TempDir();
        var fstab = dir.Write("etc/fstab",
            "LABEL=stateless-state /var/lib/stateless/state ext4 defaults 0 0\n" +
            "LABEL=TWELVE_CHARS /var/lib/stateless/writable vfat defaults 0 0\n" +
            "LABEL=ELEVEN_CHAR /mnt/ok vfat defaults 0 0\n");
        var (exit, output, _) = Run(fstab);
        Assert.Equal(1, exit);
        Assert.Equal(
            [
                $"{fstab}:2:7: error: label 'TWELVE_CHARS' is 12 bytes; a vfat label holds at most 11, so no volume can carry it (use a label of at most 11 characters (at most 11 fit every filesystem))",
                "1 file checked: 1 error, 0 warnings",
            ],
            Lines(output));
    }

    [Fact]
    public void DuplicatedTableLinesAreErrors()
    {
        using var dir = new TempDir();
        var rwtab = dir.Write("etc/rwtab", "dirs /var/cache\nfiles /var/lib/x\nempty /var/cache/\n");
        var statetab = dir.Write("etc/statetab", "/var/lib/a /var/lib/b\n/var/lib/a\n");
        var (exit, output, _) = Run(rwtab, statetab);
        Assert.Equal(1, exit);
        Assert.Equal(
            [
                $"{rwtab}:3:7: error: /var/cache is already listed at {rwtab}:1:6; listing it again adds nothing (remove one of the two)",
                $"{statetab}:2:1: error: /var/lib/a is already listed at {statetab}:1:1; listing it again adds nothing (remove one of the two)",
                "2 files checked: 2 errors, 0 warnings",
            ],
            Lines(output));
    }

    [Fact]
    public void AnRwtabPathWithAStrayWordIsAnError()
    {
        using var dir = new TempDir();
        var rwtab = dir.Write("etc/rwtab", "empty /tmp extra\ndirs\t/var/log\n");
        var (exit, output, _) = Run(rwtab);
        Assert.Equal(1, exit);
        Assert.Equal(
            [
                $"{rwtab}:1:12: error: rwtab takes the rest of the line as one path, '/tmp extra'; 'extra' is not a second path (write one path per line; remove 'extra', or put it on a line of its own)",
                "1 file checked: 1 error, 0 warnings",
            ],
            Lines(output));
    }

    [Fact]
    public void ADirectoryIsSearchedAtEveryDepth()
    {
        using var dir = new TempDir();
        dir.Write("image/etc/rwtab", "dirs /var/log\n");
        dir.Write("image/etc/rwtab.d/app", "dir /var/app\n");
        dir.Write("image/etc/rwtab.d/app.rpmnew", "broken\n");
        dir.Write("image/etc/sysconfig/readonly-root", "READONLY=maybe\n");
        dir.Write("image/etc/personality/ownership.yaml", "version: 1\n");
        dir.Write("image/etc/motd", "not checked: no kind\n");
        var (exit, output, _) = Run("--json", Path.Combine(dir.Path, "image"));
        Assert.Equal(1, exit);
        using var doc = JsonDocument.Parse(output);
        Assert.Equal(
            [("etc/personality/ownership.yaml", "ownership", 0), ("etc/rwtab", "rwtab", 0), ("etc/rwtab.d/app", "rwtab", 1), ("etc/sysconfig/readonly-root", "sysconfig", 1)],
            doc.RootElement.GetProperty("files").EnumerateArray().Select(f => (
                Path.GetRelativePath(Path.Combine(dir.Path, "image"), f.GetProperty("path").GetString()!),
                f.GetProperty("kind").GetString()!,
                f.GetProperty("diagnostics").GetArrayLength())));
    }

    [Fact]
    public void AMissingFileIsNamedInPlainWords()
    {
        var (exit, output, _) = Run("/no/such/etc/rwtab", "/no/such/thing");
        Assert.Equal(1, exit);
        Assert.Equal(
            [
                "/no/such/etc/rwtab: error: cannot read the file: no such file or directory (check the path)",
                "/no/such/thing: error: cannot read the file: no such file or directory (check the path and its permissions)",
                "2 files checked: 2 errors, 0 warnings",
            ],
            Lines(output));
    }

    [Fact]
    public void TheDuplicateKeyHintNamesThePathGiven()
    {
        using var dir = new TempDir();
        var file = dir.Write("volumes/app/personality.yaml", "version: 1\nrole: app\npersonality: web\nrole: app\n");
        var (_, output, _) = Run(file);
        Assert.Equal($"{file}:4:1: error: 'role' is given twice (the first is at {file}:2:1; keep one)", Lines(output)[0]);
    }

    [Fact]
    public void AnRwtabPathThatIsNotUtf8IsAPathNotAProblem()
    {
        using var dir = new TempDir();
        var rwtab = Path.Combine(dir.Dir("etc"), "rwtab");
        File.WriteAllBytes(rwtab, [.. "dirs /var/lib/caf"u8, 0xE9, .. "\nfiles /var/lib/caf"u8, 0xE9, .. "\n"u8]);
        var (exit, output, _) = Run(rwtab);
        Assert.Equal(1, exit);
        // The bytes are a path (the duplicate is found), not a text error; shown as U+FFFD.
        Assert.Equal(
            [
                $"{rwtab}:2:7: error: /var/lib/caf\uFFFD is already listed at {rwtab}:1:6; listing it again adds nothing (remove one of the two)",
                "1 file checked: 1 error, 0 warnings",
            ],
            Lines(Encoding.UTF8.GetString(Encoding.UTF8.GetBytes(output))));
    }
}
