using System.Diagnostics;
using Personality.Boot;
using Personality.Core;
using Personality.Discovery;
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
        personality.KEY=VALUE). Exit status: 0, whatever happened; see the record.
        """;

    public static int Run(Arguments args, Stopwatch sinceStart)
    {
        if (args.Flag("--help") || args.Flag("-h")) { Console.WriteLine(Help); return 0; }
        var root = new TargetRoot(args.Option("--root") ?? "/");
        var cmdline = args.Option("--cmdline");
        args.EnsureEmpty();
        if (!Directory.Exists(root.Directory)) throw new UsageException($"--root {root.Directory} is not a directory");
        cmdline ??= ReadProcCmdline();

        var pipeline = new BootPipeline(root, cmdline, new SysfsBlockDevices(), new SuperblockReader());
        var record = pipeline.Run(sinceStart);
        string? statusPath = null;
        try
        {
            statusPath = StatusJsonWriter.Write(record);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            Console.Error.WriteLine($"personality: cannot write {StatusJsonWriter.GuestPath}: {e.Message} " +
                                    "(list /var/run in /etc/rwtab, or make it a link to /run)");
        }
        ConsoleSummary.Write(Console.Out, record, statusPath is null ? null : StatusJsonWriter.GuestPath);
        return 0;
    }

    private static string ReadProcCmdline()
    {
        try { return File.ReadAllText("/proc/cmdline"); }
        catch (IOException) { return ""; }
    }
}
