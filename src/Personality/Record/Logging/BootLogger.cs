using Microsoft.Extensions.Logging;
using Personality.Core;

namespace Personality.Record.Logging;

/// <summary>
/// The log of a boot: each line goes to the kernel log as it happens and all of them to
/// /var/log/personality.log on <see cref="Flush"/>. Synchronous on purpose: ordering matters at
/// boot and a background logger thread costs memory we do not have on a 32 MB guest.
/// </summary>
public sealed class BootLogger : IDisposable
{
    private readonly LogFileLoggerProvider _file = new();
    private readonly ILoggerFactory _factory;

    public BootLogger(TargetRoot root, bool debug)
    {
        _factory = new SynchronousLoggerFactory(debug ? LogLevel.Debug : LogLevel.Information, new KmsgLoggerProvider(root), _file);
        Logger = _factory.CreateLogger("personality");
    }

    public ILogger Logger { get; }

    /// <inheritdoc cref="LogFileLoggerProvider.Flush"/>
    public bool Flush(TargetRoot root, out string? problem) => _file.Flush(root, out problem);

    public void Dispose() => _factory.Dispose();
}
