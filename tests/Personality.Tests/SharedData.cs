namespace Personality.Tests;

/// <summary>Finds ../shared/data (the stock Red Hat files) from the repository root.</summary>
public static class SharedData
{
    public static string Path(string name)
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(System.IO.Path.Combine(dir.FullName, "Personality.sln"))) dir = dir.Parent;
        if (dir?.Parent is null) throw new InvalidOperationException("cannot find the repository root (Personality.sln)");
        return System.IO.Path.Combine(dir.Parent.FullName, "shared", "data", name);
    }
}
