namespace Personality.Tests.Fleet;

/// <summary>A fact that needs a host tool: skipped, saying which tool and which package, only when the tool is absent.</summary>
public sealed class RequiresToolFactAttribute : FactAttribute
{
    public RequiresToolFactAttribute(string tool, string package)
    {
        if (Find(tool) is null) Skip = $"{tool} is not installed (apt-get install -y {package}); this test runs it";
    }

    public static string? Find(string tool) =>
        (Environment.GetEnvironmentVariable("PATH") ?? "/usr/bin:/bin").Split(':')
        .Concat(["/usr/sbin", "/sbin"])
        .Select(d => Path.Combine(d, tool)).FirstOrDefault(File.Exists);
}
