using Personality.IntegrationTests.Harness;
using Xunit;

namespace Personality.IntegrationTests;

/// <summary>Every command answers --help with its usage on stdout and exit 0.</summary>
public sealed class HelpTests
{
    [Theory]
    [InlineData("--help")]
    [InlineData("-h")]
    [InlineData("boot", "--help")]
    [InlineData("status", "--help")]
    [InlineData("status", "-h")]
    [InlineData("validate", "--help")]
    [InlineData("validate", "-h")]
    public void HelpPrintsUsageAndExits0(params string[] args)
    {
        var r = Shell.Run(RepoPaths.Binary, args);
        Assert.True(r.ExitCode == 0, r.ToString());
        Assert.StartsWith("Usage: personality", r.Stdout);
        Assert.Equal("", r.Stderr);
    }

    [Fact]
    public void TopLevelHelpListsTheCommands()
    {
        var r = Shell.Run(RepoPaths.Binary, ["--help"]);
        foreach (var command in new[] { "boot", "status", "validate" })
            Assert.Matches($@"\n  {command} ", r.Stdout);
        Assert.Contains("personality(8)", r.Stdout);
    }

    [Fact]
    public void CommandHelpMentionsExitStatus()
    {
        foreach (var command in new[] { "status", "validate" })
            Assert.Contains("Exit status:", Shell.Run(RepoPaths.Binary, [command, "--help"]).Stdout);
    }
}
