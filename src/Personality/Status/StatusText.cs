using Personality.Record;
using System.Globalization;

namespace Personality.Status;

/// <summary>
/// The human form of `personality status`: one screen with the verdict, when the run was and how long
/// it took, the volumes, what needs attention (failed and skipped steps, errors, warnings, drift) and
/// the slowest steps. Verbose adds every step and every setting with its source.
/// </summary>
public static class StatusText
{
    private const int AttentionLimit = 10;

    public static void Write(TextWriter output, StatusReport report, bool verbose, bool colour)
    {
        var paint = new Paint(colour);
        output.WriteLine($"personality: {paint.Result(report.Result)}{Qualifier(report)}");
        var record = report.Record;
        if (record is null)
        {
            if (report.Problem is not null) output.WriteLine($"  {report.Problem}");
            else if (report.BootPid is null)
                output.WriteLine($"  no record: {report.StatusFile} does not exist (boot has not run since the system started)");
            if (report.BootPid is { } running) output.WriteLine($"  boot is running (pid {running}); use --wait to wait for it");
            return;
        }

        var facts = new List<string[]>
        {
            new[] { "personality", string.IsNullOrEmpty(record.Personality) ? "-" : record.Personality },
            new[] { "ran", $"{Nonempty(record.StartedAt)}, {Ms(record.TotalMs)} ({Nonempty(record.Tool)}, {Nonempty(record.Command)} --root {Nonempty(record.Root)})" },
            new[] { "record", report.StatusFile },
        };
        if (record.DisabledReason is not null) facts.Add(["disabled", record.DisabledReason]);
        if (report.BootPid is { } pid) facts.Add(["running", $"a new boot is running (pid {pid}); this is the previous record"]);
        if (record.RunResult != Record.RunResult.Disabled) facts.Add(["steps", StepCounts(record)]);
        foreach (var line in TextTable.Format(facts)) output.WriteLine(line);
        if (record.RunResult == Record.RunResult.Disabled && !verbose) return;

        output.WriteLine();
        if (record.Volumes.Count == 0) output.WriteLine("Volumes: none");
        else
        {
            output.WriteLine("Volumes:");
            var rows = new List<string[]> { new[] { "ROLE", "LABEL", "DEVICE", "TYPE", "MOUNT POINT", "APPEARED" } };
            rows.AddRange(record.Volumes.Select(v => new[] { v.Role, v.Label, v.Device, v.Type, v.MountPoint, Ms(v.AppearedMs) }));
            foreach (var line in TextTable.Format(rows)) output.WriteLine(line);
        }

        var attention = record.Steps.Where(s => s.Result == "failed")
            .Concat(record.Steps.Where(s => s.Result is not ("failed" or "applied" or "unchanged"))).ToList();
        if (attention.Count > 0 && !verbose)
        {
            output.WriteLine();
            output.WriteLine("Failed and skipped steps:");
            var rows = attention.Take(AttentionLimit)
                .Select(s => new[] { paint.StepResult(s.Result), s.Describe(), s.Origin ?? "-", s.Detail ?? "" }).ToList();
            foreach (var line in TextTable.Format(rows)) output.WriteLine(line);
            if (attention.Count > AttentionLimit) output.WriteLine($"  ... and {attention.Count - AttentionLimit} more (personality status -v)");
        }

        Diagnostics(output, "Errors:", record.Errors, paint);
        Diagnostics(output, "Warnings:", record.Warnings, paint);

        output.WriteLine();
        if (report.Drift.Count == 0) output.WriteLine("Drift: none");
        else
        {
            output.WriteLine("Drift:");
            var rows = report.Drift.Select(d => new[]
            {
                paint.Warn(d.Kind), d.Target, $"expected {d.Expected}, found {d.Actual}" + (d.Origin is null ? "" : $" [{d.Origin}]"),
            }).ToList();
            foreach (var line in TextTable.Format(rows)) output.WriteLine(line);
        }

        var slowest = record.Steps.Where(s => s.Ms > 0).OrderByDescending(s => s.Ms).Take(3).ToList();
        if (slowest.Count > 0 && !verbose)
        {
            output.WriteLine();
            output.WriteLine("Slowest steps:");
            foreach (var line in TextTable.Format(slowest.Select(s => new[] { Ms(s.Ms), s.Describe(), s.Origin ?? "-" }).ToList()))
                output.WriteLine(line);
        }

        if (verbose)
        {
            output.WriteLine();
            output.WriteLine("Steps:");
            var rows = new List<string[]> { new[] { "RESULT", "MS", "STAGE", "STEP", "ORIGIN", "DETAIL" } };
            rows.AddRange(record.Steps.Select(s => new[]
            {
                paint.StepResult(s.Result), s.Ms.ToString("0.###", CultureInfo.InvariantCulture), s.Stage, s.Describe(), s.Origin ?? "-", s.Detail ?? "",
            }));
            foreach (var line in TextTable.Format(rows)) output.WriteLine(line);
            if (record.Settings.Count > 0)
            {
                output.WriteLine();
                output.WriteLine("Settings:");
                foreach (var line in TextTable.Format(record.Settings.Select(s => new[] { s.Key, Quote(s.Value), s.Source }).ToList()))
                    output.WriteLine(line);
            }
        }
    }

    private static string Qualifier(StatusReport report)
    {
        var recorded = report.Record?.Result;
        if (report.Result == "degraded" && recorded == "applied")
            return $" (boot applied everything; {Plural(report.Drift.Count, "drift")} since)";
        if (report.Drift.Count > 0) return $" ({Plural(report.Drift.Count, "drift")} since boot)";
        return "";
    }

    private static string StepCounts(StatusRecord record)
    {
        int Count(string r) => record.Steps.Count(s => s.Result == r);
        return $"{Count("applied")} applied, {Count("unchanged")} unchanged, {Count("skipped")} skipped, {Count("failed")} failed";
    }

    private static void Diagnostics(TextWriter output, string title, IReadOnlyList<RecordedDiagnostic> list, Paint paint)
    {
        if (list.Count == 0) return;
        output.WriteLine();
        output.WriteLine(title);
        foreach (var d in list)
        {
            var where = d.Origin is null ? "" : $"{d.Origin}: ";
            var hint = d.Hint is null ? "" : $" ({d.Hint})";
            output.WriteLine($"  {paint.Severity(d.Severity)} {where}{d.Message}{hint}");
        }
    }

    private static string Plural(int n, string word) => n == 1 ? $"1 {word}" : $"{n} {word}s";

    private static string Nonempty(string s) => s.Length == 0 ? "?" : s;

    private static string Quote(string value) => value.Length == 0 || value.Contains(' ') ? $"\"{value}\"" : value;

    public static string Ms(double ms) => ms.ToString(ms >= 100 ? "0" : "0.0", CultureInfo.InvariantCulture) + " ms";

    /// <summary>ANSI colours, only when asked for (stdout is a terminal).</summary>
    private sealed class Paint(bool on)
    {
        private string C(string code, string text) => on ? $"\e[{code}m{text}\e[0m" : text;

        public string Result(string result) => result switch
        {
            "applied" => C("32", result),
            "degraded" or "running" => C("33", result),
            "failed" or "unreadable" => C("31", result),
            _ => C("1", result),
        };

        public string StepResult(string result) => result == "failed" ? C("31", result) : result == "skipped" ? C("33", result) : result;

        public string Severity(string severity) => severity == "error" ? C("31", "error  ") : C("33", "warning");

        public string Warn(string text) => C("33", text);
    }
}
