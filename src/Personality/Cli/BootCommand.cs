using System.Diagnostics;
using Personality.Apply;
using Personality.Core;
using Personality.Discovery;
using Personality.Settings;
using Personality.Record;

namespace Personality.Cli;

/// <summary>`personality boot [--root DIR] [--cmdline TEXT]`: always exits 0 so it can never stop a boot.</summary>
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
        personality.KEY=VALUE). Exit status: 0 whatever happened (see the record), unless
        ON_FAILURE=halt and the run failed: then 1.
        """;

    public static int Run(Arguments args, Stopwatch sinceStart)
    {
        if (args.Flag("--help") || args.Flag("-h")) { Console.WriteLine(Help); return 0; }
        var root = new TargetRoot(args.Option("--root") ?? "/");
        var cmdline = args.Option("--cmdline");
        args.EnsureEmpty();
        if (!Directory.Exists(root.Directory)) throw new UsageException($"--root {root.Directory} is not a directory");
        cmdline ??= ReadProcCmdline();

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
                Console.Error.WriteLine($"personality: internal error, boot continues without it: {e}");
            }
            var statusPath = WriteRecord(record);
            ConsoleSummary.Write(Console.Out, record, statusPath);
            return record.Result == RunResult.Failed && record.OnFailure == FailurePolicy.Halt ? 1 : 0;
        }
        catch (Exception e)
        {
            // Not even the summary could be written: a bug must never stop a boot.
            Console.Error.WriteLine($"personality: internal error, boot continues without it: {e}");
            return 0;
        }
        finally
        {
            BootInProgress.Clear(root);
        }
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
            Console.Error.WriteLine($"personality: cannot write {StatusJsonWriter.GuestPath}: {e.Message} " +
                                    "(list /var/run in /etc/rwtab, or make it a link to /run)");
            return null;
        }
    }

    private static string ReadProcCmdline()
    {
        try { return File.ReadAllText("/proc/cmdline"); }
        catch (IOException) { return ""; }
    }
}
