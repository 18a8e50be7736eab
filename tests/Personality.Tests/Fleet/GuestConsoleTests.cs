using Personality.Fleet;
using Personality.Fleet.Libvirt;
using Personality.Record;
using Xunit;

namespace Personality.Tests.Fleet;

public sealed class GuestConsoleTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("console-").FullName;
    private GuestLayout Layout => GuestLayout.For(_dir, "web01");

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private void Write(string text)
    {
        Directory.CreateDirectory(Layout.Directory);
        File.WriteAllText(Layout.Console, text);
    }

    [Fact]
    public void TheLastReadinessLineOfTheLogIsTheGuestsAnswer()
    {
        Write("booting...\r\nPERSONALITY-READY v=1 result=failed exit=11 personality=web hostname=web01 ms=5 boot=- at=-\r\n" +
              "noise\nPERSONALITY-READY v=1 result=applied exit=0 personality=web hostname=web01 ms=41.5 boot=- at=-\r\nlogin:");
        var ready = GuestConsole.Readiness(Layout);
        Assert.NotNull(ready);
        Assert.Equal(RunResult.Applied, ready.Result);
        Assert.True(RackOutcome.Healthy(ready));
    }

    [Fact]
    public void OnlyTheTailOfAHugeLogIsReadAndAMissingLogIsNoAnswer()
    {
        Assert.Null(GuestConsole.Readiness(Layout));
        Write("PERSONALITY-READY v=1 result=applied exit=0 personality=web hostname=web01 ms=1 boot=- at=-\n" + new string('x', GuestConsole.TailBytes + 10));
        Assert.Null(GuestConsole.Readiness(Layout));
    }

    [Fact]
    public void ClearEmptiesTheLogBeforeAStart()
    {
        Write("PERSONALITY-READY v=1 result=applied exit=0 personality=web hostname=web01 ms=1 boot=- at=-\n");
        GuestConsole.Clear(Layout);
        Assert.Equal(0, new FileInfo(Layout.Console).Length);
        Assert.Null(GuestConsole.Readiness(Layout));
    }
}
