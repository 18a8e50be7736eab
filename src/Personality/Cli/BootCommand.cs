using System.Diagnostics;
using Personality.Apply;
using Personality.Core;
using Personality.Discovery;
using Personality.Settings;
using Personality.Record;

namespace Personality.Cli;

/// <summary>
/// `personality boot [--root DIR] [--cmdline TEXT]`. Its exit status tells the caller whether the
/// read-only root is set up (<see cref="BootExitStatus"/>); nothing here stops a boot by itself.
/// </summary>
public static class BootCommand
{
    public const string Help = """
        Usage: personality boot [--root DIR] [--cmdline TEXT]

        Finds the labelled volumes, makes the read-only root writable where /etc/rwtab and
        /etc/statetab say (Red Hat compatible), and records what it did in
        /var/run/personality/status.json. Run from rc.sysinit or an early systemd unit.

          --root DIR       treat DIR as the guest's root (default /)
          --cmdline TEXT   use TEXT as the kernel command line instead of /proc/cmdline
          -h, --help       show this help

        Settings: /etc/sysconfig/personality, /etc/sysconfig/readonly-root, and the kernel
        command line (readonlyroot, noreadonlyroot, personality=off, personality.debug,
        personality.KEY=VALUE).

        Last, always, one line for the host side, which reads it from the serial log
        (shown here in two; see personality(8)):
          PERSONALITY-READY v=1 result=applied exit=0 personality=web hostname=web01
            ms=12.3 boot=BOOT_ID at=TIME

        Exit status (what rc.sysinit's hook does with it; see personality(8)):
          0   the read-only root is set up, whatever else failed   skip the built-in readonly-root
          10  partly set up (some rwtab binds failed)              skip it: ours is over the root
          11  not set up (e.g. the scratch area failed)            run the built-in readonly-root
          12  READONLY and TEMPORARY_STATE are off                 the built-in block's own test decides
          13  disabled (ENABLED=no, personality=off)               the built-in block's own test decides
          14  the run failed and ON_FAILURE=halt                   stop the boot
        The same status is left in /var/run/personality/boot-exit for personality-fallback.service.
        """;

    public static int Run(Arguments args, Stopwatch sinceStart)
    {
        if (args.Flag("--help") || args.Flag("-h")) { Console.WriteLine(Help); return 0; }
        var root = new TargetRoot(args.Option("--root") ?? "/");
        var cmdline = args.Option("--cmdline");
        args.EnsureEmpty();
        if (!Directory.Exists(root.Directory)) throw new UsageException($"--root {root.Directory} is not a directory");
        cmdline ??= ReadProcCmdline();

        // Until the record says otherwise the root counts as not set up: the caller's own readonly-root runs.
        var exitStatus = BootExitStatus.NotSetUp;
        RunRecord? known = null;
        try
        {
            RunRecord record;
            try
            {
                record = BootRun.Execute(root, cmdline, new SysfsBlockDevices(), new SuperblockReader(), sinceStart);
            }
            catch (Exception e)
            {
                // A bug outside any step (settings, the log): the run is failed, and still recorded.
                record = new RunRecord("boot", root, DateTimeOffset.UtcNow) { TotalMilliseconds = sinceStart.Elapsed.TotalMilliseconds };
                record.Diagnostics.Error($"internal error: {e.GetType().Name}: {e.Message}; nothing more was applied", hint: "report this with the record");
                Say(Console.Error, w => w.WriteLine($"personality: internal error, boot continues without it: {e}"));
            }
            known = record;
            exitStatus = BootExitStatus.Of(record);
            var statusPath = WriteRecord(record);
            Say(Console.Out, w =>
            {
                ConsoleSummary.Write(w, record, statusPath);
                if (BootExitStatus.Notice(exitStatus) is { } notice) w.WriteLine(notice);
            });
        }
        catch (Exception e)
        {
            // Not even the summary could be made: the exit status still says what was set up.
            Say(Console.Error, w => w.WriteLine($"personality: internal error, boot continues without it: {e}"));
        }
        finally
        {
            BootExitFile.Write(root, exitStatus);
            BootInProgress.Clear(root);
        }
        SayReady(known, exitStatus, sinceStart);
        return exitStatus;
    }

    /// <summary>
    /// The readiness line for the host side, last, always (disabled and failed runs too, with what
    /// is known), and never a reason for boot to fail: whatever goes wrong here is dropped.
    /// </summary>
    private static void SayReady(RunRecord? record, int exitStatus, Stopwatch sinceStart)
    {
        try
        {
            var line = ReadinessLine.Of(record, exitStatus, sinceStart.Elapsed.TotalMilliseconds, ReadBootId()).Format();
            Say(Console.Out, w => { w.WriteLine(line); w.Flush(); });
        }
        catch (Exception) { }
    }

    /// <summary>
    /// Writes to the console at boot are best effort: early in boot the console may be gone or
    /// failing (EIO), and a failed write must not turn a set-up root into a crash (SIGABRT, 134)
    /// that makes the caller run its own readonly-root over ours. The record has everything anyway.
    /// </summary>
    internal static void Say(TextWriter console, Action<TextWriter> write)
    {
        try { write(console); }
        catch (IOException) { }
        catch (ObjectDisposedException) { }
    }

    private static string? WriteRecord(RunRecord record)
    {
        try
        {
            StatusJsonWriter.Write(record);
            return StatusJsonWriter.GuestPath;
        }
        catch (Exception e)
        {
            Say(Console.Error, w => w.WriteLine($"personality: cannot write {StatusJsonWriter.GuestPath}: {e.Message} " +
                                                "(list /var/run in /etc/rwtab, or make it a link to /run)"));
            return null;
        }
    }

    /// <summary>The running kernel's boot id, which tells this boot's readiness line from an earlier boot's in one log.</summary>
    private static string? ReadBootId()
    {
        try { return File.ReadAllText("/proc/sys/kernel/random/boot_id").Trim(); }
        catch (IOException) { return null; }
        catch (UnauthorizedAccessException) { return null; }
    }

    private static string ReadProcCmdline()
    {
        try { return File.ReadAllText("/proc/cmdline"); }
        catch (IOException) { return ""; }
    }
}
