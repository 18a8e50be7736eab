using Personality.Steps;
using Personality.Apply.Mounts;
using Personality.Native;
using Xunit;

namespace Personality.Tests.Apply;

public class MountOptionsTests
{
    [Fact]
    public void FlagsBecomeBitsAndTheRestBecomesData()
    {
        var o = MountOptions.Parse("defaults,ro,nosuid,nodev,noauto,x-systemd.foo,size=64m,mode=0755");
        Assert.Equal(MountCalls.MS_RDONLY | MountCalls.MS_NOSUID | MountCalls.MS_NODEV, o.Flags);
        Assert.Equal("size=64m,mode=0755", o.Data);
    }

    [Fact]
    public void LaterOptionsWin()
    {
        Assert.Equal(0UL, MountOptions.Parse("ro,rw").Flags);
    }

    [Theory]
    [InlineData("-o size=64m", "size=64m")]
    [InlineData("-osize=1m,mode=700", "size=1m,mode=700")]
    [InlineData("-n --options=nr_inodes=5k", "nr_inodes=5k")]
    [InlineData("", "")]
    public void RwOptionsAreMountArguments(string args, string data)
    {
        Assert.Equal(data, MountOptions.ParseArguments(args, out var problem)!.Data);
        Assert.Null(problem);
    }

    [Theory]
    [InlineData("-o")]
    [InlineData("-t tmpfs")]
    [InlineData("size=64m")]
    public void OtherMountArgumentsAreRefused(string args)
    {
        Assert.Null(MountOptions.ParseArguments(args, out var problem));
        Assert.NotNull(problem);
    }
}
