using Personality.Core;

namespace Personality.Services;

/// <summary>
/// Which chkconfig a tree has, from its release file: "release 5" in /etc/redhat-release (else
/// /etc/centos-release) is CentOS/RHEL 5 and its chkconfig 1.3.30, "release 6" is 1.3.49,
/// anything else (or no release file) current upstream.
/// </summary>
public static class ChkconfigDialects
{
    public static readonly IReadOnlyList<string> ReleaseFiles = ["/etc/redhat-release", "/etc/centos-release"];

    /// <summary>What <paramref name="forced"/> says when given (from <paramref name="forcedSource"/>), else what the tree says.</summary>
    public static ChosenDialect Choose(ChkconfigDialect? forced, string forcedSource, TargetRoot root) =>
        forced is { } dialect ? new ChosenDialect(dialect, forcedSource) : Detect(root);

    public static ChosenDialect Detect(TargetRoot root)
    {
        var resolver = new RootedResolver(root);
        foreach (var file in ReleaseFiles)
        {
            if (resolver.Resolve(file, out _) is not { } path || FirstLine(root.Host(path)) is not { } line) continue;
            var dialect = MajorRelease(line) switch
            {
                5 => ChkconfigDialect.El5,
                6 => ChkconfigDialect.El6,
                _ => ChkconfigDialect.Current,
            };
            return new ChosenDialect(dialect, $"{file}: {line}");
        }
        return new ChosenDialect(ChkconfigDialect.Current, "default");
    }

    /// <summary>The number after the word "release" ("CentOS release 5.11 (Final)" is 5), or null.</summary>
    public static int? MajorRelease(string line)
    {
        var words = line.Split([' ', '\t'], StringSplitOptions.RemoveEmptyEntries);
        for (var i = 0; i + 1 < words.Length; i++)
        {
            if (!words[i].Equals("release", StringComparison.OrdinalIgnoreCase)) continue;
            var digits = words[i + 1].TakeWhile(char.IsAsciiDigit).Count();
            if (digits is > 0 and < 6) return int.Parse(words[i + 1].AsSpan(0, digits), provider: System.Globalization.CultureInfo.InvariantCulture);
        }
        return null;
    }

    // A release file is one short line; a huge or unreadable one says nothing.
    private static string? FirstLine(string hostPath)
    {
        try
        {
            var info = new FileInfo(hostPath);
            if (!info.Exists || info.Length > 4096) return null;
            var line = File.ReadAllText(hostPath).Split('\n')[0].Trim();
            return line.Length == 0 ? null : line;
        }
        catch (IOException) { return null; }
        catch (UnauthorizedAccessException) { return null; }
    }
}
