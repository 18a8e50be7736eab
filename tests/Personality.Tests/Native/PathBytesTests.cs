using System.Runtime.InteropServices;
using System.Text;
using Personality.Apply.Mounts;
using Personality.Native;

namespace Personality.Tests.Native;

/// <summary>Paths are bytes: one that is not UTF-8 keeps its bytes from a table line down to libc and back.</summary>
public partial class PathBytesTests
{
    private static readonly byte[] Latin1Cafe = [.. "/var/lib/caf"u8, 0xE9];

    [Theory]
    [InlineData(new byte[] { 0x2F, 0x61 })]                               // "/a": plain ASCII
    [InlineData(new byte[] { 0x63, 0x61, 0x66, 0xC3, 0xA9 })]             // "café" in UTF-8: text as it is
    [InlineData(new byte[] { 0x63, 0x61, 0x66, 0xE9 })]                   // "café" in Latin-1
    [InlineData(new byte[] { 0xFF, 0xFE, 0x2F, 0xC3 })]                   // stray and truncated bytes
    [InlineData(new byte[] { 0xED, 0xB2, 0x80 })]                         // an encoded surrogate, not valid UTF-8
    [InlineData(new byte[] { 0xF0, 0x9F, 0x98, 0x80, 0x80 })]             // a real 4-byte character, then a stray byte
    public void DecodeThenEncodeGivesTheSameBytes(byte[] bytes)
    {
        var text = PathBytes.Decode(bytes);
        Assert.Equal(bytes, PathBytes.Encode(text));
        Assert.Equal(bytes.Length, PathBytes.ByteCount(text));
    }

    [Fact]
    public void ValidUtf8IsPlainTextAndOtherBytesAreLoneSurrogates()
    {
        Assert.Equal("café", PathBytes.Decode("café"u8));
        Assert.False(PathBytes.HasEscapes("café"));
        Assert.Equal("/var/lib/caf\uDCE9", PathBytes.Decode(Latin1Cafe));
        Assert.True(PathBytes.HasEscapes("/var/lib/caf\uDCE9"));
    }

    [Fact]
    public void LibcCallsGetTheBytesAndReadLinkGivesThemBack()
    {
        using var dir = new TempDir();
        var name = PathBytes.Decode([.. Encoding.UTF8.GetBytes(dir.Path), .. "/caf"u8, 0xE9]);
        FileCalls.Mkdir(name, 0x1ED);
        Assert.True(FileCalls.LStat(name).IsDirectory);
        Assert.Equal(0, Access([.. Encoding.UTF8.GetBytes(dir.Path), .. "/caf"u8, 0xE9, 0], 0)); // the kernel sees the Latin-1 byte
        var link = Path.Combine(dir.Path, "link");
        FileCalls.Symlink(name, link);
        Assert.Equal(name, FileCalls.ReadLink(link));
        Assert.Equal(name, RealPath.Resolve(link));
    }

    [Fact]
    public void TheMountTableKeepsTheBytesOfAMountPointAndStatusSeesItAsRecorded()
    {
        using var dir = new TempDir();
        var mountinfo = Path.Combine(dir.Path, "mountinfo");
        File.WriteAllBytes(mountinfo, [.. "36 35 98:0 / / rw - ext4 /dev/root rw\n37 36 98:0 /scratch"u8, .. Latin1Cafe, .. " "u8, .. Latin1Cafe, .. " rw - ext4 /dev/root rw\n"u8]);
        Assert.NotNull(new MountTable(mountinfo).At("/var/lib/caf\uDCE9"));
        Assert.True(new MountTable(mountinfo).IsBoundFrom("/var/lib/caf\uDCE9", "/scratch/var/lib/caf\uDCE9"));
        // status.json holds text: such a path is recorded with U+FFFD, and status reads mountinfo the same way.
        Assert.NotNull(new MountTable(mountinfo, lossy: true).At("/var/lib/caf\uFFFD"));
    }

    [LibraryImport("libc", EntryPoint = "access")]
    private static partial int Access(byte[] path, int mode);
}
