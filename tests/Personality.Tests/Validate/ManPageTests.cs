using Personality.Settings;

namespace Personality.Tests.Validate;

/// <summary>personality(8), to which validate's hints send people, documents every setting and every command.</summary>
public class ManPageTests
{
    private static string Page()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "Personality.sln"))) dir = dir.Parent;
        return File.ReadAllText(Path.Combine(dir?.FullName ?? throw new InvalidOperationException("no Personality.sln"), "docs", "personality.8"));
    }

    [Fact]
    public void EverySettingIsDocumentedWithItsDefault()
    {
        var page = Page();
        foreach (var (key, value, _) in SettingsCatalog.Known)
        {
            var shown = value.Length == 0 ? "empty" : value.Replace("-", "\\-");
            Assert.Contains($".BR {key} \" ({shown})\"", page);
        }
    }

    [Theory]
    [InlineData("boot")]
    [InlineData("status")]
    [InlineData("dry\\-run")]
    [InlineData("validate")]
    [InlineData("chkconfig")]
    [InlineData("fleet")]
    public void EveryCommandIsInTheSynopsisAndHasAnExitStatus(string command)
    {
        var page = Page();
        Assert.Contains($"\\fBpersonality {command}\\fR", page);
        var exitStatus = page[page.IndexOf(".SH EXIT STATUS", StringComparison.Ordinal)..];
        Assert.Contains(command, exitStatus[..exitStatus.IndexOf(".SH DIFFERENCES", StringComparison.Ordinal)]);
    }
}
