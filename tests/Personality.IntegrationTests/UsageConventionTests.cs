using Personality.IntegrationTests.Harness;
using Xunit;

namespace Personality.IntegrationTests;

/// <summary>
/// One usage convention: every command exits 64 (EX_USAGE) on a usage error, says what is wrong
/// and points at its own --help; chkconfig keeps chkconfig's exit 1 except for our --root.
/// </summary>
public sealed class UsageConventionTests
{
    [Theory]
    [InlineData("boot", "--bogus")]
    [InlineData("boot", "--root", "/no/such/dir")]
    [InlineData("dry-run", "--bogus")]
    [InlineData("dry-run", "--root")]
    [InlineData("status", "--bogus")]
    [InlineData("validate", "--bogus", "/etc/rwtab")]
    [InlineData("validate")]
    [InlineData("chkconfig", "--root", "/no/such/dir", "--list")]
    [InlineData("chkconfig", "--list", "--root")]
    public void EveryCommandExits64AndPointsAtItsOwnHelp(params string[] args)
    {
        var r = Shell.Run(RepoPaths.Binary, args);
        Assert.True(r.ExitCode == 64, r.ToString());
        Assert.Equal("", r.Stdout);
        Assert.StartsWith($"personality {args[0]}: ", r.Stderr);
        Assert.EndsWith($"\nTry 'personality {args[0]} --help'.\n", r.Stderr);
    }

    [Theory]
    [InlineData]
    [InlineData("frobnicate")]
    [InlineData("--bogus")]
    public void NoCommandOrAnUnknownOneExits64AndPointsAtTheMainHelp(params string[] args)
    {
        var r = Shell.Run(RepoPaths.Binary, args);
        Assert.True(r.ExitCode == 64, r.ToString());
        Assert.Equal("", r.Stdout);
        Assert.StartsWith("personality: ", r.Stderr);
        Assert.EndsWith("\nTry 'personality --help'.\n", r.Stderr);
    }

    [Fact]
    public void ChkconfigsOwnUsageErrorsStayExit1AsInChkconfig()
    {
        using var dir = new TempDir("usage-chkconfig");
        var r = Shell.Run(RepoPaths.Binary, ["chkconfig", "--root", dir.Path, "--bogus"]);
        Assert.True(r.ExitCode == 1, r.ToString());
        Assert.Equal("--bogus: unknown option\n", r.Stderr);
    }
}
