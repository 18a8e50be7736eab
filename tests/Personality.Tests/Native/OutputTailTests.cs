using System.Text;
using Personality.Native;

namespace Personality.Tests.Native;

public sealed class OutputTailTests
{
    private static OutputTail Fed(int limit, params string[] chunks)
    {
        var tail = new OutputTail(limit);
        foreach (var chunk in chunks) tail.Append(Encoding.UTF8.GetBytes(chunk));
        return tail;
    }

    [Fact]
    public void KeepsEverythingUpToTheLimit()
    {
        var tail = Fed(8, "abc", "defgh");
        Assert.Equal(("abcdefgh", 8L, false), (tail.Text(), tail.TotalBytes, tail.Truncated));
    }

    [Fact]
    public void KeepsTheLastBytesAcrossWraps()
    {
        var tail = Fed(8, "abcde", "fghij", "k", "lmnopq");
        Assert.Equal(("jklmnopq", 17L, true), (tail.Text(), tail.TotalBytes, tail.Truncated));
    }

    [Fact]
    public void AChunkLargerThanTheLimitKeepsItsEnd()
    {
        var tail = Fed(4, "ab", "0123456789", "x");
        Assert.Equal("789x", tail.Text());
    }

    [Fact]
    public void ACharacterCutByTheLimitIsDropped()
    {
        var tail = Fed(5, "xé-é!"); // é is two bytes: the kept tail starts in the middle of the first
        Assert.Equal("-é!", tail.Text());
    }

    [Fact]
    public void NothingWrittenIsEmpty() => Assert.Equal(("", 0L), (Fed(16).Text(), Fed(16).TotalBytes));
}
