using Personality.Record;
using System.Diagnostics;
using System.Globalization;
using Personality.Apply.Mounts;
using Personality.Core;
using Personality.Status;

namespace Personality.Cli;

/// <summary>
/// `personality status [--root DIR] [--json] [-v] [--wait [--timeout S]] [--history]`: what boot recorded and what
/// has drifted since. Exit 0 applied, 1 degraded (or drift), 2 failed, 3 never ran, still running or
/// disabled, 64 usage error (2 is taken by "failed").
/// </summary>
public static class StatusCommand
{
    public const double DefaultTimeoutSeconds = 30, MaxTimeoutSeconds = 3600;

    public const string Help = """
        Usage: personality status [--root DIR] [--json] [-v] [--wait [--timeout S]] [--history]

        Shows what the last `personality boot` did (/var/run/personality/status.json) and checks
        that its mounts, binds and volumes are still in place; anything missing is drift.

          --root DIR     read the record of the guest tree DIR (default /)
          --json         print a stable JSON document (schemaVersion 1) instead of text
          -v, --verbose  list every step with origin, result and time, and every setting
          --wait         if a boot is running (/var/run/personality/boot.pid names a live
                         process), wait for it to finish first
          --timeout S    wait at most S seconds (default 30, at most 3600)
          --history      the last 20 boots kept on the state volume (when, personality, result,
                         counts, time, volumes, role changes); with --json as JSON. Exit 0
                         shown, 3 none (no boot recorded, or no state volume)
          -h, --help     show this help

        Exit status: 0 applied, 1 degraded (warnings, or drift since boot), 2 failed,
        3 never ran, still running or disabled, 64 usage error.
        """;

    public static int Run(Arguments args) => Run(args, Console.Out, Console.Error, !Console.IsOutputRedirected && UseColourByEnvironment());

    public static int Run(Arguments args, TextWriter output, TextWriter error, bool colour)
    {
        string rootDir;
        bool json, verbose, wait, history;
        TimeSpan timeout;
        try
        {
            if (args.Flag("--help") || args.Flag("-h")) { output.WriteLine(Help); return 0; }
            rootDir = args.Option("--root") ?? "/";
            json = args.Flag("--json");
            verbose = args.Flag("-v") | args.Flag("--verbose");
            wait = args.Flag("--wait");
            history = args.Flag("--history");
            var timeoutText = args.Option("--timeout");
            args.EnsureEmpty();
            timeout = TimeSpan.FromSeconds(DefaultTimeoutSeconds);
            if (timeoutText is not null)
            {
                if (!wait) throw new UsageException("--timeout needs --wait");
                if (!double.TryParse(timeoutText, NumberStyles.Float, CultureInfo.InvariantCulture, out var seconds)
                    || double.IsNaN(seconds) || seconds < 0 || seconds > MaxTimeoutSeconds)
                    throw new UsageException($"--timeout {timeoutText}: give a number of seconds from 0 to {MaxTimeoutSeconds}");
                timeout = TimeSpan.FromSeconds(seconds);
            }
            if (!Directory.Exists(rootDir)) throw new UsageException($"--root {rootDir} is not a directory");
        }
        catch (UsageException e)
        {
            return UsageError.Report(error, "status", e.Message);
        }

        var root = new TargetRoot(rootDir);
        if (wait) WaitForBoot(root, timeout);
        var context = new DriftContext(root, new MountTable(lossy: true), new BlockDevicePresence());
        var report = StatusReport.Load(root, context);
        if (history) return HistoryView.Write(root, report, json, output);
        if (json)
        {
            output.Write(StatusJsonOutput.ToText(report));
        }
        else
        {
            StatusText.Write(output, report, verbose, colour);
        }
        if (wait && report.BootPid is { } pid)
            error.WriteLine($"personality status: boot (pid {pid}) still running after {timeout.TotalSeconds:0.###} s");
        return report.ExitCode;
    }

    /// <summary>Polls the boot marker until its process is gone or the time is up.</summary>
    private static void WaitForBoot(TargetRoot root, TimeSpan timeout)
    {
        var clock = Stopwatch.StartNew();
        while (BootInProgress.RunningPid(root) is not null)
        {
            var left = timeout - clock.Elapsed;
            if (left <= TimeSpan.Zero) return;
            Thread.Sleep(left < TimeSpan.FromMilliseconds(50) ? left : TimeSpan.FromMilliseconds(50));
        }
    }

    private static bool UseColourByEnvironment() =>
        string.IsNullOrEmpty(Environment.GetEnvironmentVariable("NO_COLOR")) && Environment.GetEnvironmentVariable("TERM") is not (null or "" or "dumb");
}
