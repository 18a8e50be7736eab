using Microsoft.Extensions.Logging;

namespace Personality.Record.Logging;

/// <summary>
/// A logger factory without dependency injection, options or background threads: every line
/// reaches every provider, in order, on the caller's thread. Smaller than LoggerFactory.Create.
/// </summary>
public sealed class SynchronousLoggerFactory(LogLevel minimum, params ILoggerProvider[] providers) : ILoggerFactory
{
    private readonly List<ILoggerProvider> _providers = [.. providers];

    public ILogger CreateLogger(string categoryName) =>
        new FanOutLogger(minimum, [.. _providers.Select(p => p.CreateLogger(categoryName))]);

    public void AddProvider(ILoggerProvider provider) => _providers.Add(provider);

    public void Dispose()
    {
        foreach (var provider in _providers) provider.Dispose();
    }
}
