using System.Text;
using Microsoft.Extensions.Logging;
using Personality.Core;

namespace Personality.Record.Logging;

/// <summary>
/// Writes each line to the root's /dev/kmsg as it happens, as "&lt;priority&gt;personality: message":
/// the kernel log is readable before any disk is writable. One write per record, as kmsg wants.
/// </summary>
public sealed class KmsgLoggerProvider : ILoggerProvider
{
    public const string KmsgPath = "/dev/kmsg";
    private readonly FileStream? _kmsg;

    public KmsgLoggerProvider(TargetRoot root)
    {
        try
        {
            var kmsg = root.Host(new RootedResolver(root).ResolveForWrite(KmsgPath));
            if (File.Exists(kmsg)) _kmsg = new FileStream(kmsg, FileMode.Open, FileAccess.Write, FileShare.ReadWrite, 0);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            _kmsg = null; // no kernel log (container, unprivileged): the log file and the record still have everything
        }
    }

    public ILogger CreateLogger(string categoryName) => new LineLogger(Write);

    /// <summary>syslog priorities, as the kernel reads them from the prefix.</summary>
    private static int Priority(LogLevel level) => level switch
    {
        LogLevel.Critical => 2,
        LogLevel.Error => 3,
        LogLevel.Warning => 4,
        LogLevel.Information => 6,
        _ => 7,
    };

    private void Write(LogLevel level, string message)
    {
        if (_kmsg is null) return;
        try
        {
            _kmsg.Write(Encoding.UTF8.GetBytes($"<{Priority(level)}>personality: {message}\n"));
        }
        catch (IOException)
        {
            // kmsg refuses over-long or rate-limited records; the log file still gets the line.
        }
    }

    public void Dispose() => _kmsg?.Dispose();
}
