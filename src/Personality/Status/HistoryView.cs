using System.Globalization;
using Personality.Core;
using Personality.Record;
using Personality.Record.History;

namespace Personality.Status;

/// <summary>
/// `personality status --history`: the boot history kept on the state volume the last boot used
/// (its mount point comes from the record). A guest without a state volume keeps none, and says so.
/// </summary>
public static class HistoryView
{
    public const int ExitShown = 0, ExitNone = 3;

    public static int Write(TargetRoot root, StatusReport report, bool json, TextWriter output)
    {
        var state = report.Record?.Volumes.FirstOrDefault(v => v.Role == "state" && v.MountPoint.StartsWith('/'));
        if (state is null)
        {
            var why = report.Record is null
                ? "no boot has been recorded"
                : "the last boot used no state volume: a guest without one keeps no boot history";
            if (json) output.WriteLine($$"""{"schemaVersion": 1, "history": null, "reason": "{{why}}"}""");
            else output.WriteLine($"personality: no boot history: {why}");
            return ExitNone;
        }
        var file = state.MountPoint + BootHistory.RelativePath;
        var boots = BootHistory.Read(root.Host(file));
        if (json)
        {
            using var stdout = new MemoryStream();
            BootHistory.Write(boots, stdout);
            output.Write(System.Text.Encoding.UTF8.GetString(stdout.ToArray()));
            output.WriteLine();
            return ExitShown;
        }
        output.WriteLine($"boot history on the state volume {state.Label} ({file}), oldest first, at most {BootHistory.MaxEntries}:");
        if (boots.Count == 0)
        {
            output.WriteLine("  none yet");
            return ExitShown;
        }
        var rows = new List<string[]> { new[] { "STARTED", "PERSONALITY", "RESULT", "APPLIED", "UNCHANGED", "SKIPPED", "FAILED", "MS", "ROLE CHANGE", "VOLUMES" } };
        foreach (var b in boots)
            rows.Add([b.StartedAt, b.Personality ?? "-", b.Result, N(b.Applied), N(b.Unchanged), N(b.Skipped), N(b.Failed),
                b.DurationMs.ToString("0.0", CultureInfo.InvariantCulture),
                b.RoleChangedFrom is { } from ? $"{from} -> {b.Personality ?? "none"}" : "-",
                string.Join(' ', b.Volumes.Select(v => $"{v.Role}:{v.Label}:{v.Uuid}"))]);
        foreach (var line in TextTable.Format(rows)) output.WriteLine(line);
        return ExitShown;
    }

    private static string N(int n) => n.ToString(CultureInfo.InvariantCulture);
}
