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
    [InlineData("dry-run", "--help")]
    [InlineData("status", "--help")]
    [InlineData("status", "-h")]
    [InlineData("validate", "--help")]
    [InlineData("validate", "-h")]
    [InlineData("chkconfig", "--help")]
    [InlineData("fleet", "--help")]
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
        foreach (var command in new[] { "boot", "dry-run", "status", "validate", "chkconfig", "fleet" })
            Assert.Matches($@"\n  {command} ", r.Stdout);
        Assert.Contains("fleet     plan|build|up|status|down|roll FILE", r.Stdout); // every sub-command there is
        Assert.Contains("personality(8)", r.Stdout);
    }

    [Fact]
    public void CommandHelpMentionsExitStatus()
    {
        foreach (var command in new[] { "status", "validate", "fleet" })
            Assert.Contains("Exit status:", Shell.Run(RepoPaths.Binary, [command, "--help"]).Stdout);
    }

    [Fact]
    public void ManPageRendersWithoutWarnings()
    {
        var page = Path.Combine(RepoPaths.Root, "docs", "personality.8");
        var check = Shell.Run("groff", ["-man", "-Tutf8", "-ww", "-z", page]);
        Assert.True(check.ExitCode == 0 && check.Stderr.Length == 0, check.ToString());
        var man = Shell.Run("man", ["-l", page], new Dictionary<string, string> { ["MANWIDTH"] = "80", ["MANPAGER"] = "cat", ["PAGER"] = "cat" });
        Assert.True(man.ExitCode == 0, man.ToString());
        foreach (var section in new[] { "NAME", "SYNOPSIS", "DESCRIPTION", "COMMANDS", "OPTIONS", "CONFIG VOLUMES AND MANIFESTS", "HOOKS",
                     "OWNERSHIP POLICY", "FILES", "KERNEL COMMAND LINE", "EXIT STATUS", "DIFFERENCES FROM RED HAT", "SEE ALSO" })
            Assert.Matches($"(?m)^{section}$", man.Stdout);
        Assert.Contains("personality status [--root DIR] [--json] [-v] [--wait [--timeout S]]", man.Stdout);
    }
}
