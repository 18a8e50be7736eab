using System.Diagnostics;
using System.Text;
using Personality.Core;
using Personality.Items.State;
using Personality.Manifests;
using Personality.Native;

namespace Personality.Tests.Manifests;

public class ManifestLimitsTests
{
    private const string App = "PERS_APP:personality.yaml";

    [Fact]
    public void A100MegabyteManifestIsRefusedQuicklyWithoutBeingRead()
    {
        using var dir = new TempDir();
        var file = Path.Combine(dir.Path, ManifestReader.FileName);
        using (var f = new FileStream(file, FileMode.CreateNew)) f.SetLength(100L * 1024 * 1024); // sparse

        var d = new Diagnostics();
        var allocated = GC.GetAllocatedBytesForCurrentThread();
        var clock = Stopwatch.StartNew();
        var m = ManifestReader.Read("PERS_APP", file, d);
        clock.Stop();
        allocated = GC.GetAllocatedBytesForCurrentThread() - allocated;

        Assert.Null(m);
        Assert.Equal(
            $"{App}: the file is 104857600 bytes, more than the limit of 65536 bytes (64 KiB) (a configuration file lists paths and names, not content: keep large files beside it)",
            Assert.Single(d.All).ToString());
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(1), $"took {clock.Elapsed}");
        Assert.True(allocated < 1024 * 1024, $"allocated {allocated} bytes: the file was read");
    }

    [Fact]
    public void TextOverTheLimitIsRefused()
    {
        var d = new Diagnostics();
        var text = "version: 1\nrole: app\npersonality: web\n#" + new string('x', 64 * 1024) + "\n";
        Assert.Null(ManifestReader.Parse("PERS_APP", text, d));
        Assert.StartsWith($"{App}: the file is {Encoding.UTF8.GetByteCount(text)} bytes, more than the limit", Assert.Single(d.All).ToString());
    }

    [Fact]
    public void AFileJustUnderTheLimitIsRead()
    {
        using var dir = new TempDir();
        var head = "version: 1\nrole: app\npersonality: web\n";
        var text = head + "#" + new string('x', (int)ManifestReader.MaxBytes - head.Length - 2) + "\n";
        Assert.Equal(ManifestReader.MaxBytes, Encoding.UTF8.GetByteCount(text));
        var d = new Diagnostics();
        Assert.NotNull(ManifestReader.Read("PERS_APP", dir.Write(ManifestReader.FileName, text), d));
        Assert.Empty(d.All);
    }

    [Fact]
    public void ABillionLaughsIsRefusedFastAtItsFirstAnchor()
    {
        var yaml = new StringBuilder("version: 1\nrole: app\npersonality: web\n");
        yaml.Append("a: &a [\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\"]\n");
        for (var c = 'b'; c <= 'i'; c++)
        {
            var previous = (char)(c - 1);
            yaml.Append($"{c}: &{c} [{string.Join(",", Enumerable.Repeat($"*{previous}", 9))}]\n");
        }
        var d = new Diagnostics();
        var clock = Stopwatch.StartNew();
        Assert.Null(ManifestReader.Parse("PERS_APP", yaml.ToString(), d));
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(1), $"took {clock.Elapsed}");
        Assert.Contains(d.All, x => x.ToString().StartsWith($"{App}:4:4: anchors (&a) are not allowed", StringComparison.Ordinal));
        Assert.Contains(d.All, x => x.ToString().StartsWith($"{App}:5:8: aliases (*a) are not allowed", StringComparison.Ordinal));
        Assert.True(d.All.Count <= 51, "the error count is bounded");
    }

    [Fact]
    public void Depth17IsRefusedAndDepth16IsNot()
    {
        // The top-level mapping is level 1; sixteen lists inside it make seventeen.
        var d = new Diagnostics();
        Assert.Null(ManifestReader.Parse("PERS_APP", "version: 1\nx: " + new string('[', 16) + new string(']', 16) + "\n", d));
        Assert.Contains($"{App}:2:19: the nesting is deeper than 16 levels (a configuration file needs only a few levels)", d.All.Select(x => x.ToString()));

        d = new Diagnostics();
        Assert.Null(ManifestReader.Parse("PERS_APP", "version: 1\nx: " + new string('[', 15) + new string(']', 15) + "\n", d));
        Assert.DoesNotContain(d.All, x => x.Message.Contains("nesting", StringComparison.Ordinal));
    }

    [Fact]
    public void DeepBlockNestingIsRefusedToo()
    {
        // The top-level mapping is level 1, the list of 'files' (line 5) level 2, and each "-" below it one
        // more: the "- x" of line 20 opens level 17.
        var text = "version: 1\nrole: app\npersonality: web\nfiles:\n" +
            string.Concat(Enumerable.Range(0, 15).Select(i => new string(' ', 2 + 2 * i) + "-\n")) + new string(' ', 32) + "- x\n";
        var d = new Diagnostics();
        Assert.Null(ManifestReader.Parse("PERS_APP", text, d));
        Assert.Equal(
            [
                $"{App}:6:5: an item of 'files' must be a mapping, not a list (write 'key: value' lines (keys: path, source, mode, owner, how))",
                $"{App}:20:33: the nesting is deeper than 16 levels (a configuration file needs only a few levels)",
            ],
            d.All.Select(x => x.ToString()));
    }

    [Fact]
    public void AThousandItemsAreFineButNotOneMore()
    {
        string Manifest(int n) => "version: 1\nrole: app\npersonality: web\nstate:\n" +
            string.Concat(Enumerable.Range(0, n).Select(i => $"  - /var/lib/s{i}\n"));

        Assert.Equal(1000, ManifestReaderTests.ParseOk(Manifest(1000)).State.Count);
        Assert.Equal(
            [$"{App}:1005:5: 'state' has more than 1000 items (split the work differently; a list holds at most 1000 items)"],
            ManifestReaderTests.Errors(Manifest(1001)));
    }

    [Fact]
    public void ReadUsesTheFileNameAndVolumeInOrigins()
    {
        using var dir = new TempDir();
        var file = dir.Write(ManifestReader.FileName, "version: 1\nrole: app\npersonality: web\nstate: [relative]\n");
        var d = new Diagnostics();
        Assert.Null(ManifestReader.Read("PERS_APP", file, d));
        Assert.Equal(new Origin(App, 4, 9), Assert.Single(d.All).Origin);
    }

    [Fact]
    public void ReadStripsAByteOrderMark()
    {
        using var dir = new TempDir();
        var file = Path.Combine(dir.Path, ManifestReader.FileName);
        File.WriteAllBytes(file, [0xEF, 0xBB, 0xBF, .. "version: 1\nrole: app\npersonality: web\n"u8]);
        var d = new Diagnostics();
        Assert.NotNull(ManifestReader.Read("PERS_APP", file, d));
        Assert.Empty(d.All);
    }

    [Fact]
    public void AMissingManifestIsAnError()
    {
        using var dir = new TempDir();
        var d = new Diagnostics();
        Assert.Null(ManifestReader.Read("PERS_APP", Path.Combine(dir.Path, ManifestReader.FileName), d));
        Assert.Equal($"{App}: the manifest is missing (the volume must hold personality.yaml at its root)", Assert.Single(d.All).ToString());
    }

    [Fact]
    public void ASymlinkedManifestIsRefused()
    {
        // A link on the volume could point at /etc/shadow on the running system.
        using var dir = new TempDir();
        var target = dir.Write("elsewhere.yaml", "version: 1\nrole: app\npersonality: web\n");
        var link = Path.Combine(dir.Path, ManifestReader.FileName);
        File.CreateSymbolicLink(link, target);
        var d = new Diagnostics();
        Assert.Null(ManifestReader.Read("PERS_APP", link, d));
        Assert.Equal($"{App}: the file is a symbolic link (it must be a regular file on the volume; a link could point outside it)", Assert.Single(d.All).ToString());
    }

    [Fact]
    public async Task AFifoIsRefusedWithoutBlocking()
    {
        using var dir = new TempDir();
        var fifo = Path.Combine(dir.Path, ManifestReader.FileName);
        FileCalls.Mknod(fifo, FileStatus.S_IFIFO | 0x1A4, 0);
        var d = new Diagnostics();
        var read = Task.Run(() => ManifestReader.Read("PERS_APP", fifo, d));
        Assert.Null(await read.WaitAsync(TimeSpan.FromSeconds(5)));
        Assert.StartsWith($"{App}: the file is a ", Assert.Single(d.All).ToString());
        Assert.Contains("not a regular file", d.All[0].Message);
    }

    [Fact]
    public void InvalidUtf8IsRefused()
    {
        using var dir = new TempDir();
        var file = Path.Combine(dir.Path, ManifestReader.FileName);
        File.WriteAllBytes(file, [.. "version: 1\nrole: app\npersonality: w"u8, 0xFF, .. "b\n"u8]);
        var d = new Diagnostics();
        Assert.Null(ManifestReader.Read("PERS_APP", file, d));
        Assert.Equal($"{App}:3:15: this line is not valid UTF-8 text (byte 0xFF) (save the file as UTF-8 text)", Assert.Single(d.All).ToString());
    }
}
