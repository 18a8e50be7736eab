using Personality.Core;
using Personality.Fleet;

namespace Personality.Cli;

/// <summary>
/// `personality fleet plan|build FILE`: the host side, from a fleet.yaml. up, status, down and roll
/// (through virsh) come later; they answer "not yet implemented" with EX_UNAVAILABLE.
/// </summary>
public static class FleetCommand
{
    public const int ExitNotImplemented = 69; // EX_UNAVAILABLE: 64 stays the usage error

    public const string Help = """
        Usage: personality fleet plan  FILE [--out DIR] [--json]
               personality fleet build FILE [--out DIR] [--json]
               personality fleet up|status|down|roll FILE      (not yet implemented)

        The host side: a fleet.yaml names the shared images, the personalities (app volume
        folders), a host volume template and the guests (groups such as "web{01..07}", each
        with its own memory, vcpus, state size, connection and host keys). The file is read as
        strictly as a manifest: every problem as FILE:LINE:COLUMN: error: MESSAGE (HINT), and
        every personality's and guest's manifest is checked as `personality validate` checks it.
        A fleet with any problem is neither planned nor built.

          plan    what build would make or change in the output folder for each guest, and
                  why; whether the guest would be started (new) or restarted (a volume or its
                  domain changed); each guest dry-run against the OS image when images.os is
                  an unpacked tree. Writes nothing.
          build   for each guest, OUT/GUEST/: host/ and app/ (the volumes' content), host.img
                  (PERS_HOST), app.img (PERS_APP), state.img (stateless-state, made only when
                  absent: a state volume is never overwritten), domain.xml (libvirt), xl.cfg
                  (Xen) and build.json (what it was built from). Only what changed is remade,
                  in a temporary folder moved into place: a second build changes nothing, and
                  a failed one leaves the guest as it was. Needs mkfs.ext2 (e2fsprogs).

          --out DIR     the output folder (default: build/ beside FILE)
          --json        print a JSON document (schemaVersion 1) instead of text
          -h, --help    show this help

        Exit status: 0 done (plan: no problem found), 1 problems found or a guest failed to
        build, 64 usage error, 69 a sub-command not yet implemented.
        """;

    private static readonly string[] Later = ["up", "status", "down", "roll"];

    public static int Run(Arguments args, TextWriter output, TextWriter error)
    {
        if (args.Flag("--help") || args.Flag("-h")) { output.WriteLine(Help); return 0; }
        var json = args.Flag("--json");
        var outOption = args.Option("--out");
        var words = args.Rest();
        if (words.Count == 0) throw new UsageException("give a sub-command: plan, build (up, status, down, roll: not yet implemented)");
        var sub = words[0];
        if (Later.Contains(sub))
        {
            error.WriteLine($"personality fleet {sub}: not yet implemented; plan and build work now (see 'personality fleet --help')");
            return ExitNotImplemented;
        }
        if (sub is not ("plan" or "build"))
        {
            var closest = Spelling.Closest(sub, ["plan", "build", .. Later]);
            throw new UsageException($"unknown sub-command '{sub}'" + (closest is null ? "" : $"; did you mean '{closest}'?"));
        }
        if (words.Count < 2) throw new UsageException($"fleet {sub} needs the fleet FILE");
        if (words.Count > 2) throw new UsageException($"unexpected argument '{words[2]}'");
        var file = words[1];
        if (Directory.Exists(file)) throw new UsageException($"{file} is a folder; give the fleet file (e.g. {Path.Combine(file, "fleet.yaml")})");

        var diagnostics = new Diagnostics();
        var fleet = FleetReader.Read(file, diagnostics);
        if (fleet is null)
        {
            if (json) output.Write(FleetOutput.ProblemsJson(diagnostics));
            else FleetOutput.WriteProblems(error, diagnostics);
            error.WriteLine($"personality fleet {sub}: {FleetManifests.Shown(Path.GetFullPath(file))} has problems; nothing was {(sub == "plan" ? "planned" : "built")}");
            return 1;
        }
        var outputDirectory = Path.GetFullPath(outOption ?? Path.Combine(fleet.Directory, "build"));
        if (XlConfig.Check(outputDirectory) is { } bad) throw new UsageException($"--out: {bad}");
        if (File.Exists(outputDirectory)) throw new UsageException($"--out {outputDirectory} is a file, not a folder");

        try
        {
            return sub == "plan" ? Plan(fleet, outputDirectory, json, output) : Build(fleet, outputDirectory, json, output, error);
        }
        catch (FleetBuildException e)
        {
            error.WriteLine($"personality fleet {sub}: {e.Message}; nothing was {(sub == "plan" ? "planned" : "built")}");
            return 1;
        }
    }

    private static int Plan(Fleet.Fleet fleet, string outputDirectory, bool json, TextWriter output)
    {
        var plan = FleetPlan.Make(fleet, outputDirectory);
        if (json) output.Write(FleetOutput.PlanJson(plan));
        else FleetOutput.WritePlan(output, plan);
        return plan.HasErrors ? 1 : 0;
    }

    private static int Build(Fleet.Fleet fleet, string outputDirectory, bool json, TextWriter output, TextWriter error)
    {
        var changes = GuestInputs.Compare(fleet, outputDirectory);
        if (changes.Any(c => c.Any) && ExtImage.Program() is null)
        {
            error.WriteLine("personality fleet build: mkfs.ext2 is not installed (package e2fsprogs); it makes the guests' volumes. Nothing was built");
            return 1;
        }
        var results = FleetBuild.Run(changes, outputDirectory, json ? null : r => FleetOutput.WriteBuilt(output, r));
        if (json) output.Write(FleetOutput.BuildJson(fleet, outputDirectory, results));
        else FleetOutput.WriteBuildSummary(output, fleet, outputDirectory, results);
        return results.Any(r => r.Error is not null) ? 1 : 0;
    }
}
