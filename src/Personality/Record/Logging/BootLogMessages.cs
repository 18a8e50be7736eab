using Microsoft.Extensions.Logging;
using Personality.Core;
using Personality.Pipeline;

namespace Personality.Record.Logging;

/// <summary>
/// The lines boot logs, source-generated: no reflection, and a disabled level (debug) costs no
/// formatting. The texts are what the integration tests and operators grep for.
/// </summary>
public static partial class BootLogMessages
{
    /// <summary>A step's outcome: an error when it failed, otherwise a debug line (personality.debug).</summary>
    public static void StepRecorded(this ILogger logger, LedgerEntry entry)
    {
        var (step, outcome) = (entry.Step, entry.Outcome);
        var level = outcome.Result == StepResult.Failed ? LogLevel.Error : LogLevel.Debug;
        if (!logger.IsEnabled(level)) return;
        logger.Step(level, step.Stage.Text(), step.ToString(), step.Origin.ToString(), outcome.Result.ToString().ToLowerInvariant(),
            outcome.Detail is null ? "" : $" ({outcome.Detail})", entry.Milliseconds);
    }

    [LoggerMessage(EventId = 1, Message = "{Stage}: {Step} [{Origin}]: {Result}{Detail} {Milliseconds:0.###} ms")]
    private static partial void Step(this ILogger logger, LogLevel level, string stage, string step, string origin, string result, string detail, double milliseconds);

    public static void Diagnostic(this ILogger logger, Diagnostic diagnostic) =>
        logger.Diagnostic(diagnostic.Severity == Severity.Error ? LogLevel.Error : LogLevel.Warning, diagnostic);

    [LoggerMessage(EventId = 2, Message = "{Diagnostic}")]
    private static partial void Diagnostic(this ILogger logger, LogLevel level, Diagnostic diagnostic);

    [LoggerMessage(EventId = 3, Level = LogLevel.Information, Message = "hook {Hook}: {Line}")]
    public static partial void HookOutput(this ILogger logger, string hook, string line);

    [LoggerMessage(EventId = 4, Level = LogLevel.Information, Message = "hook {Hook}: ... ({OutputBytes} bytes of output, the last {KeptBytes} kept)")]
    public static partial void HookOutputTruncated(this ILogger logger, string hook, long outputBytes, int keptBytes);

    [LoggerMessage(EventId = 5, Level = LogLevel.Information, Message = "read-only root is off (READONLY and TEMPORARY_STATE are not set to yes)")]
    public static partial void ReadOnlyRootOff(this ILogger logger);

    [LoggerMessage(EventId = 6, Level = LogLevel.Information, Message = "{Result} in {Milliseconds:0.0} ms, {Steps} steps")]
    public static partial void RunFinished(this ILogger logger, string result, double milliseconds, int steps);

    [LoggerMessage(EventId = 7, Level = LogLevel.Debug, Message = "log file not written: {Problem}")]
    public static partial void LogFileNotWritten(this ILogger logger, string? problem);
}
