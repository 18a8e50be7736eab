using Microsoft.Extensions.Logging;

namespace Personality.Record.Logging;

/// <summary>One logger over several: lines below the minimum level are dropped before anything is formatted.</summary>
internal sealed class FanOutLogger(LogLevel minimum, ILogger[] loggers) : ILogger
{
    public bool IsEnabled(LogLevel logLevel) => logLevel != LogLevel.None && logLevel >= minimum;

    public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

    public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
    {
        if (!IsEnabled(logLevel)) return;
        foreach (var logger in loggers) logger.Log(logLevel, eventId, state, exception, formatter);
    }
}
