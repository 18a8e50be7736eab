using System.Text;
using Personality.Core;
using Personality.Pipeline;

namespace Personality.Record;

/// <summary>
/// Log lines of a run. Each goes to the kernel log (/dev/kmsg, readable before any disk is
/// writable) as it happens, and all of them to /var/log/personality.log at the end, once the
/// rwtab binds have made /var/log writable. Synchronous on purpose: ordering matters at boot
/// and a background logger thread costs memory we do not have on a 32 MB guest.
/// </summary>
public sealed class BootLog : IDisposable
{
    public const string LogFile = "/var/log/personality.log";
    private readonly List<string> _lines = [];
    private readonly FileStream? _kmsg;
    private readonly bool _debug;

    public BootLog(TargetRoot root, bool debug)
    {
        _debug = debug;
        try
        {
            var kmsg = root.Host(new RootedResolver(root).ResolveForWrite("/dev/kmsg"));
            if (File.Exists(kmsg)) _kmsg = new FileStream(kmsg, FileMode.Open, FileAccess.Write, FileShare.ReadWrite, 0);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            _kmsg = null; // no kernel log (container, unprivileged): the file and the record still have everything
        }
    }

    public IReadOnlyList<string> Lines => _lines;

    public void Info(string message) => Write(6, "info", message);
    public void Warning(string message) => Write(4, "warning", message);
    public void Error(string message) => Write(3, "error", message);

    public void Debug(string message)
    {
        if (_debug) Write(7, "debug", message);
    }

    public void Step(LedgerEntry entry)
    {
        var (step, outcome) = (entry.Step, entry.Outcome);
        var text = $"{step.Stage.Text()}: {step} [{step.Origin}]: {outcome.Result.ToString().ToLowerInvariant()}" +
                   (outcome.Detail is null ? "" : $" ({outcome.Detail})") + $" {entry.Milliseconds:0.###} ms";
        if (outcome.Result == StepResult.Failed) Error(text);
        else Debug(text);
    }

    public void Diagnostic(Diagnostic d)
    {
        if (d.Severity == Severity.Error) Error(d.ToString());
        else Warning(d.ToString());
    }

    private void Write(int priority, string level, string message)
    {
        _lines.Add($"{DateTimeOffset.UtcNow:yyyy-MM-ddTHH:mm:ss.fffZ} {level}: {message}");
        if (_kmsg is null) return;
        try
        {
            _kmsg.Write(Encoding.UTF8.GetBytes($"<{priority}>personality: {message}\n"));
        }
        catch (IOException)
        {
            // kmsg refuses over-long or rate-limited records; the log file still gets the line.
        }
    }

    /// <summary>Appends the lines to the log file; false when /var/log is still not writable.</summary>
    public bool Flush(TargetRoot root, out string? problem)
    {
        problem = null;
        try
        {
            var path = root.Host(new RootedResolver(root).ResolveForWrite(LogFile));
            File.AppendAllLines(path, _lines);
            return true;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            problem = e.Message;
            return false;
        }
    }

    public void Dispose() => _kmsg?.Dispose();
}
