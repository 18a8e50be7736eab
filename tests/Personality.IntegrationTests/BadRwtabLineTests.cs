using System.Text.RegularExpressions;
using Personality.IntegrationTests.Harness;
using Xunit;

namespace Personality.IntegrationTests;

/// <summary>
/// Lines Red Hat silently ignores (or worse, follows) are warnings naming file:line:column; nothing is
/// applied for them, and every good line around them still is.
/// </summary>
[Collection("root")]
public sealed class BadRwtabLineTests
{
    private const string Rwtab = """
        # good and bad lines mixed
        dirs	/var/good-dirs
        bogus	/var/unknown-type
        files	var/relative
        empty	/var/lib/../dotdot
        files
        files	/etc/good.conf
        empty	/var/good-empty
        """;

    [Fact]
    public void EachBadLineIsAWarningWithFileLineColumnAndTheRestIsApplied()
    {
        using var tree = GuestTree.Create("badlines");
        tree.WriteReadonlyRoot(Labels.Unique(), Labels.Unique());
        tree.WriteRwtab(Rwtab + "\n");
        foreach (var dir in new[] { "/var/good-dirs", "/var/unknown-type", "/var/relative", "/var/dotdot", "/var/good-empty" })
            tree.Seed(dir, isDirectory: true);
        tree.Seed("/etc/good.conf", isDirectory: false);

        var obs = tree.Run("boot 1 ''");
        var boot = obs.Boot(1);
        var status = Expect.Booted(boot, tree);
        Expect.Result("degraded", boot);
        Expect.True(status.Errors.Count == 0, "bad rwtab lines must be warnings, not errors", boot);

        // Exactly one warning per bad line (3: unknown type, 4: relative path, 5: "..", 6: no path), each at file:line:column.
        var warnings = Expect.Warnings(boot);
        foreach (var line in new[] { 3, 4, 5, 6 })
        {
            var at = warnings.Where(w => Regex.IsMatch(w.Origin ?? "", $@"^/etc/rwtab:{line}:[1-9][0-9]*$")).ToList();
            Expect.True(at.Count == 1, $"expected one warning at /etc/rwtab:{line}:COLUMN, found {at.Count}", boot);
        }
        Expect.True(warnings.Count == 4, $"expected 4 warnings, got {warnings.Count}", boot);

        // Nothing happened for the bad lines, in any interpretation of them.
        foreach (var path in new[] { "/var/unknown-type", "/var/relative", "/var/dotdot", "/var/lib" })
            Expect.NoMountAt(boot, tree, path);
        var badOrigins = status.Steps.Where(s => Regex.IsMatch(s.Origin ?? "", "^/etc/rwtab:[3-6](:|$)") && s.Result is "applied" or "failed").ToList();
        Expect.True(badOrigins.Count == 0, "steps applied for bad lines:\n  " + string.Join("\n  ", badOrigins), boot);

        // The good lines are applied.
        foreach (var (path, line) in new[] { ("/var/good-dirs", 2), ("/etc/good.conf", 7), ("/var/good-empty", 8) })
        {
            Expect.MountAt(boot, tree, path);
            Expect.Step(boot, path, "bind", "applied", "/etc/rwtab", line);
        }
    }
}
