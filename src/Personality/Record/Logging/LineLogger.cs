using Microsoft.Extensions.Logging;

namespace Personality.Record.Logging;

/// <summary>
/// The logger our providers hand out: formats the message on the caller's thread and passes the
/// line to the provider's sink at once. No scopes, no category, no filtering (the factory filters).
/// </summary>
internal sealed class LineLogger(Action<LogLevel, string> write) : ILogger
{
    public bool IsEnabled(LogLevel logLevel) => logLevel != LogLevel.None;

    public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

    public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
    {
        if (!IsEnabled(logLevel)) return;
        var message = formatter(state, exception);
        write(logLevel, exception is null ? message : $"{message}: {exception.Message}");
    }
}
