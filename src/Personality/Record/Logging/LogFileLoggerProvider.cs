using System.Text;
using Microsoft.Extensions.Logging;
using Personality.Core;

namespace Personality.Record.Logging;

/// <summary>
/// Keeps the lines as "2025-01-01T00:00:00.000Z level: message" and appends them to the root's
/// /var/log/personality.log on <see cref="Flush"/>: at boot /var/log becomes writable only after
/// the rwtab binds. Bounded: past <see cref="MaxBytes"/> or <see cref="MaxLines"/> later lines are
/// dropped and counted, and one marker line says how many (kmsg and status.json still have them).
/// </summary>
public sealed class LogFileLoggerProvider(int maxBytes = LogFileLoggerProvider.MaxBytes, int maxLines = LogFileLoggerProvider.MaxLines) : ILoggerProvider
{
    public const string LogFile = "/var/log/personality.log";
    public const int MaxBytes = 2 * 1024 * 1024;
    public const int MaxLines = 20_000;

    private readonly List<string> _lines = [];
    private long _bytes;
    private int _dropped;

    public IReadOnlyList<string> Lines => _lines;
    public int Dropped => _dropped;

    public ILogger CreateLogger(string categoryName) => new LineLogger(Write);

    private static string LevelName(LogLevel level) => level switch
    {
        LogLevel.Critical => "critical",
        LogLevel.Error => "error",
        LogLevel.Warning => "warning",
        LogLevel.Information => "info",
        _ => "debug",
    };

    private static string Line(string level, string message) => $"{DateTimeOffset.UtcNow:yyyy-MM-ddTHH:mm:ss.fffZ} {level}: {message}";

    private void Write(LogLevel level, string message)
    {
        var line = Line(LevelName(level), message);
        var bytes = Encoding.UTF8.GetByteCount(line) + 1;
        if (_dropped > 0 || _lines.Count >= maxLines || _bytes + bytes > maxBytes)
        {
            _dropped++;
            return;
        }
        _lines.Add(line);
        _bytes += bytes;
    }

    /// <summary>Appends the kept lines (and the drop marker) to the log file; false when /var/log is still not writable.</summary>
    public bool Flush(TargetRoot root, out string? problem)
    {
        problem = null;
        var lines = _dropped == 0 ? _lines : [.. _lines, Line("warning", $"... {_dropped} lines dropped (the log file keeps the first {maxLines} lines or {maxBytes / 1024} KiB)")];
        try
        {
            var path = root.Host(new RootedResolver(root).ResolveForWrite(LogFile));
            File.AppendAllLines(path, lines);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            problem = e.Message;
            return false;
        }
        // Written: a second flush appends only what came after.
        _lines.Clear();
        _bytes = 0;
        _dropped = 0;
        return true;
    }

    public void Dispose() { }
}
