using Personality.Core;
using Personality.Manifests;
using Personality.Validate;

namespace Personality.Fleet;

/// <summary>
/// Checks the manifests a fleet puts on its volumes with the code `personality validate` runs
/// (<see cref="ManifestValidator"/>, <see cref="ValidateReport"/>): a fleet is never built with a
/// manifest that validate would reject. As in validate, a warning counts as a problem.
/// </summary>
internal static class FleetManifests
{
    /// <summary>More than enough for a fleet's worth of one mistake copied into every guest.</summary>
    private const int MaxHostProblems = 50;

    /// <summary>A personality folder's personality.yaml: it must validate, and be an app manifest.</summary>
    public static void CheckApp(FleetPersonality personality, Diagnostics diagnostics)
    {
        var file = Shown(Path.Combine(personality.Folder, ManifestReader.FileName));
        if (!File.Exists(file))
        {
            diagnostics.Error($"the folder of personality '{personality.Name}' has no {ManifestReader.FileName}: {file}", personality.Origin,
                "a personality folder is the app volume's content: personality.yaml (role: app) at its root, then files/ and hooks/");
            return;
        }
        var report = ValidateReport.Check(file, new ManifestValidator());
        foreach (var problem in report.Diagnostics) diagnostics.Add(problem with { Severity = Severity.Error });
        if (report.Diagnostics.Count > 0)
        {
            diagnostics.Error($"personality '{personality.Name}' does not validate ({Count(report.Diagnostics.Count)} in {file})", personality.Origin,
                $"fix the manifest; 'personality validate {file}' shows the same");
            return;
        }
        var quiet = new Diagnostics();
        var manifest = ManifestReader.ParseShown(file, File.ReadAllText(file), quiet);
        if (manifest is { Role: not Role.App })
            diagnostics.Error($"personality '{personality.Name}' has a {manifest.Role.ToString().ToLowerInvariant()} manifest, not an app one",
                manifest.RoleOrigin ?? new Origin(file), "a personality folder is an app volume: write 'role: app'");
    }

    /// <summary>
    /// Each guest's host manifest. A problem is reported at the fleet file's key that wrote the line
    /// (the template's or the guest's own), once however many guests share it.
    /// </summary>
    public static void CheckHosts(IReadOnlyList<FleetGuest> guests, Diagnostics diagnostics)
    {
        var validator = new ManifestValidator();
        var seen = new HashSet<(Origin, string)>();
        var reported = 0;
        foreach (var guest in guests)
        {
            var found = new Diagnostics();
            validator.Validate(guest.Host.Text, $"{guest.Name}:PERS_HOST:{ManifestReader.FileName}", found);
            foreach (var problem in found.All)
            {
                var origin = problem.Origin is { Line: > 0 } o ? guest.Host.OriginOf(o.Line) : guest.Host.Origin;
                if (!seen.Add((origin, problem.Message))) continue;
                if (++reported > MaxHostProblems) continue;
                diagnostics.Error($"the host volume of {guest.Name}: {problem.Message}", origin, problem.Hint);
            }
        }
        if (reported > MaxHostProblems)
            diagnostics.Error($"{reported - MaxHostProblems} more problems in host volumes are not shown", null, "fix these first");
    }

    /// <summary>A path as a person gave it: relative to the working directory when below it.</summary>
    public static string Shown(string fullPath)
    {
        var relative = Path.GetRelativePath(Environment.CurrentDirectory, fullPath);
        return relative.StartsWith("..", StringComparison.Ordinal) ? fullPath : relative;
    }

    private static string Count(int n) => n == 1 ? "1 problem" : $"{n} problems";
}
