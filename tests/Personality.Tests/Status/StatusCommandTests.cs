using Personality.Cli;

namespace Personality.Tests.Status;

public class StatusCommandTests
{
    private static (int Exit, string Out, string Err) Run(params string[] args)
    {
        var output = new StringWriter();
        var error = new StringWriter();
        var exit = StatusCommand.Run(new Arguments(args), output, error, colour: false);
        return (exit, output.ToString(), error.ToString());
    }

    [Theory]
    [InlineData("--bogus")]
    [InlineData("--timeout", "5")]
    [InlineData("--wait", "--timeout", "-1")]
    [InlineData("--wait", "--timeout", "3601")]
    [InlineData("--wait", "--timeout", "soon")]
    [InlineData("--root")]
    [InlineData("--root", "/no/such/dir")]
    public void UsageErrorsExit64NotTheFailedCode(params string[] args)
    {
        var (exit, output, error) = Run(args);
        Assert.Equal(64, exit);
        Assert.Equal("", output);
        Assert.StartsWith("personality status: ", error);
    }

    [Fact]
    public void HelpExits0()
    {
        var (exit, output, _) = Run("--help");
        Assert.Equal(0, exit);
        Assert.StartsWith("Usage: personality status", output);
    }

    [Fact]
    public void NoRecordExits3InTextAndJson()
    {
        using var tree = new TempDir();
        Assert.Equal(3, Run("--root", tree.Path).Exit);
        var (exit, output, _) = Run("--root", tree.Path, "--json");
        Assert.Equal(3, exit);
        Assert.Contains("\"result\": \"never-ran\"", output);
    }

    [Fact]
    public void WaitReturnsAtOnceForAStaleMarkerAndIsBoundedForALiveOne()
    {
        using var tree = new TempDir();
        var marker = tree.Write("var/run/personality/boot.pid", "999999999\n");
        var clock = System.Diagnostics.Stopwatch.StartNew();
        Assert.Equal(3, Run("--root", tree.Path, "--wait").Exit);
        Assert.True(clock.ElapsedMilliseconds < 1000, $"waited {clock.ElapsedMilliseconds} ms for a dead pid");

        File.WriteAllText(marker, $"{Environment.ProcessId}\n"); // alive for as long as the test runs
        clock.Restart();
        var (exit, output, error) = Run("--root", tree.Path, "--wait", "--timeout", "0.3");
        Assert.InRange(clock.ElapsedMilliseconds, 250, 3000);
        Assert.Equal(3, exit);
        Assert.StartsWith("personality: running", output);
        Assert.Contains("still running after 0.3 s", error);
    }
}
