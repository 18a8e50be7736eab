using System.Text.Json;
using Personality.Core;
using Personality.Record;

namespace Personality.Status;

/// <summary>
/// What `personality status` says: the recorded run, the drift found since, and the verdict with its
/// exit code (0 applied, 1 degraded, 2 failed, 3 never ran, still running or disabled). Drift turns an
/// applied run into a degraded one; it never makes a verdict better or worse than degraded otherwise.
/// </summary>
public sealed class StatusReport
{
    public const int SchemaVersion = 1;

    public const int ExitApplied = 0, ExitDegraded = 1, ExitFailed = 2, ExitNotApplied = 3;

    public StatusReport(string statusFile, StatusRecord? record, IReadOnlyList<Drift> drift, int? bootPid = null, string? problem = null)
    {
        StatusFile = statusFile;
        Record = record;
        Drift = drift;
        BootPid = bootPid;
        Problem = problem;
        (Result, ExitCode) = Verdict();
    }

    /// <summary>Guest path of the record read.</summary>
    public string StatusFile { get; }
    public StatusRecord? Record { get; }
    public IReadOnlyList<Drift> Drift { get; }
    /// <summary>The pid of a boot still running (its record is not written yet), or null.</summary>
    public int? BootPid { get; }
    /// <summary>Why the record could not be read, when it exists but is unreadable.</summary>
    public string? Problem { get; }

    /// <summary>applied, degraded, failed, disabled, never-ran, running or unreadable.</summary>
    public string Result { get; }
    public int ExitCode { get; }

    private (string, int) Verdict()
    {
        if (BootPid is not null) return ("running", ExitNotApplied);
        if (Problem is not null) return ("unreadable", ExitFailed);
        if (Record is null) return ("never-ran", ExitNotApplied);
        return Record.RunResult switch
        {
            RunResult.Disabled => ("disabled", ExitNotApplied),
            RunResult.Applied when Drift.Count > 0 => ("degraded", ExitDegraded),
            RunResult.Applied => ("applied", ExitApplied),
            RunResult.Degraded => ("degraded", ExitDegraded),
            _ => ("failed", ExitFailed),
        };
    }

    /// <summary>
    /// Reads ROOT/var/run/personality/status.json (resolved inside the root: /var/run may link to /run)
    /// and checks the live system against it.
    /// </summary>
    public static StatusReport Load(TargetRoot root, DriftContext context, IEnumerable<IDriftCheck>? checks = null, string proc = "/proc")
    {
        var guestPath = StatusJsonWriter.GuestPath;
        var bootPid = BootInProgress.RunningPid(root, proc);
        byte[] bytes;
        try
        {
            bytes = File.ReadAllBytes(root.Host(new RootedResolver(root).ResolveForWrite(guestPath)));
        }
        catch (Exception e) when (e is FileNotFoundException or DirectoryNotFoundException)
        {
            return new StatusReport(guestPath, null, [], bootPid);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return new StatusReport(guestPath, null, [], bootPid, $"cannot read {guestPath}: {e.Message}");
        }

        StatusRecord record;
        try
        {
            record = StatusRecord.Parse(bytes);
        }
        catch (JsonException e)
        {
            return new StatusReport(guestPath, null, [], bootPid, $"{guestPath} is not a valid record: {e.Message}");
        }
        var drift = record.RunResult == RunResult.Disabled || bootPid is not null ? [] : DriftChecks.Run(record, context, checks);
        return new StatusReport(guestPath, record, drift, bootPid);
    }
}
