using System.Diagnostics;
using System.Globalization;
using Personality.Core;
using Personality.Fleet;
using Personality.Fleet.Libvirt;

namespace Personality.Cli;

/// <summary>
/// `personality fleet plan|build|up|status|down|roll FILE`: the host side, from a fleet.yaml; the
/// last four drive libvirt through virsh, each guest under its own connection URI.
/// </summary>
public static class FleetCommand
{
    public const int ExitUnavailable = 69; // EX_UNAVAILABLE (virsh missing): 64 stays the usage error

    public const string Help = """
        Usage: personality fleet plan   FILE [--out DIR] [--json]
               personality fleet build  FILE [--out DIR] [--json]
               personality fleet up     FILE [GUEST...] [--parallel N] [--timeout S] [--out DIR] [--json]
               personality fleet status FILE [GUEST...] [--out DIR] [--json]
               personality fleet down   FILE [GUEST...] [--out DIR] [--json]
               personality fleet roll   FILE [GUEST...] [--batch N] [--timeout S] [--out DIR] [--json]

        The host side: a fleet.yaml names the shared images, the personalities (app volume
        folders), a host volume template and the guests (groups such as "web{01..07}", each
        with its own memory, vcpus, state size, connection and host keys). The file is read as
        strictly as a manifest: every problem as FILE:LINE:COLUMN: error: MESSAGE (HINT), and
        every personality's and guest's manifest is checked as `personality validate` checks it.
        A fleet with any problem is neither planned nor built.

          plan    what build would make or change in the output folder for each guest, and
                  why; whether the guest would be started (new) or restarted (a volume or its
                  domain changed); each guest dry-run against the OS image (an unpacked
                  tree, or as root an image file mounted read-only where only the dry run
                  sees it). Writes nothing.
          build   for each guest, OUT/GUEST/: host/ and app/ (the volumes' content), host.img
                  (PERS_HOST), app.img (PERS_APP), state.img (stateless-state, made only when
                  absent: a state volume is never overwritten), domain.xml (libvirt), xl.cfg
                  (Xen) and build.json (what it was built from). Only what changed is remade,
                  in a temporary folder moved into place: a second build changes nothing, and
                  a failed one leaves the guest as it was. Needs mkfs.ext2 (e2fsprogs).
          up      build, then define and start (virsh -c URI define, start) every guest that
                  is not running, at most --parallel N booting at once (default 4), and wait
                  for each one's readiness line (PERSONALITY-READY, written by boot) in its
                  console log OUT/GUEST/GUEST.console, at most --timeout S seconds (180). A
                  running guest is never restarted by up. One line per guest.
          status  one line per guest: its domain's state, and result, personality, hostname
                  and boot time from the readiness line of its last boot.
          down    stop (destroy: the root is read-only) and undefine every guest there is.
          roll    build, then restart the running guests whose volumes or domain build
                  remade (a new image restarts every guest using it; a new personality swaps
                  the app volume), --batch N at a time (default 4), each batch ready before
                  the next. A guest not ready stops the roll; the rest keep running as they were.

          GUEST...      only these guests (names as in the fleet)
          --out DIR     the output folder (default: build/ beside FILE)
          --json        print a JSON document (schemaVersion 1) instead of text
          -h, --help    show this help

        Running any of them twice changes nothing the second time.
        Exit status: 0 done (plan: no problem found; up, roll, status: every guest ready), 1
        problems found, a guest failed to build, or a guest not ready or failed, 64 usage
        error, 69 virsh is not installed (package libvirt-clients).
        """;

    private static readonly string[] Rack = ["up", "status", "down", "roll"];

    public static int Run(Arguments args, TextWriter output, TextWriter error)
    {
        if (args.Flag("--help") || args.Flag("-h")) { output.WriteLine(Help); return 0; }
        var json = args.Flag("--json");
        var outOption = args.Option("--out");
        var parallel = Count(args.Option("--parallel") ?? args.Option("--batch"), RackOptions.DefaultParallel, "--parallel/--batch");
        var timeout = args.Option("--timeout") is { } t ? TimeSpan.FromSeconds(Count(t, 0, "--timeout")) : RackOptions.DefaultReadyTimeout;
        var words = args.Rest();
        if (words.Count == 0) throw new UsageException("give a sub-command: plan, build, up, status, down or roll");
        var sub = words[0];
        if (sub is not ("plan" or "build") && !Rack.Contains(sub))
        {
            var closest = Spelling.Closest(sub, ["plan", "build", .. Rack]);
            throw new UsageException($"unknown sub-command '{sub}'" + (closest is null ? "" : $"; did you mean '{closest}'?"));
        }
        if (words.Count < 2) throw new UsageException($"fleet {sub} needs the fleet FILE");
        if (!Rack.Contains(sub) && words.Count > 2) throw new UsageException($"unexpected argument '{words[2]}'");
        var file = words[1];
        var only = words.Skip(2).ToList();
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

        if (only.FirstOrDefault(name => fleet.Guests.All(g => g.Name != name)) is { } unknown)
            throw new UsageException($"no guest '{unknown}' in {file}" + (Spelling.Closest(unknown, fleet.Guests.Select(g => g.Name).ToList()) is { } c ? $"; did you mean '{c}'?" : ""));
        try
        {
            if (Rack.Contains(sub)) return RackCommand(sub, fleet, outputDirectory, new RackOptions(only, parallel, timeout), json, output, error);
            return sub == "plan" ? Plan(fleet, outputDirectory, json, output) : Build(fleet, outputDirectory, json, output, error);
        }
        catch (FleetBuildException e)
        {
            error.WriteLine($"personality fleet {sub}: {e.Message}; nothing was {(sub == "plan" ? "planned" : "built")}");
            return 1;
        }
    }

    private static int RackCommand(string sub, Fleet.Fleet fleet, string outputDirectory, RackOptions options, bool json, TextWriter output, TextWriter error)
    {
        if (Virsh.Find() is not { } virsh)
        {
            error.WriteLine($"personality fleet {sub}: virsh is not installed (package libvirt-clients); nothing was done");
            return ExitUnavailable;
        }
        if (sub is "up" or "roll" && Connections.Refusing(virsh, fleet.Guests.Where(options.Includes)) is { Count: > 0 } refusing)
        {
            foreach (var line in refusing) error.WriteLine(line);
            error.WriteLine($"personality fleet {sub}: a connection refuses; nothing was built or started");
            return 1;
        }
        var clock = Stopwatch.StartNew();
        var rack = new FleetRack(fleet, outputDirectory, virsh);
        var width = RackOutput.Width(fleet);
        Action<RackOutcome> done = json ? _ => { } : o => { RackOutput.WriteLine(output, o, width); output.Flush(); };
        Action<string> say = json ? _ => { } : line => output.WriteLine(line);
        IReadOnlyList<RackOutcome> outcomes;
        switch (sub)
        {
            case "status":
                outcomes = rack.Status(options);
                foreach (var o in outcomes) done(o);
                break;
            case "down":
                outcomes = rack.Down(options, done);
                break;
            default:
                // up and roll build first: what runs is always what the fleet file says now.
                var changes = GuestInputs.Compare(fleet, outputDirectory).Where(c => options.Includes(c.Guest)).ToList();
                var code = Build(fleet, outputDirectory, changes, json: false, json ? TextWriter.Null : output, error);
                if (code != 0) { error.WriteLine($"personality fleet {sub}: the build failed; nothing was started"); return code; }
                outcomes = sub == "up"
                    ? rack.Up(options, done)
                    : rack.Roll(changes.Where(c => !c.New && c.NeedRestart.Count > 0).ToList(), options, done, say);
                break;
        }
        if (json) output.Write(RackOutput.Json(fleet, outputDirectory, sub, outcomes, clock.Elapsed.TotalSeconds));
        else RackOutput.WriteSummary(output, sub, outcomes, clock.Elapsed.TotalSeconds);
        return outcomes.All(o => o.Ok) ? 0 : 1;
    }

    private static int Count(string? text, int fallback, string option)
    {
        if (text is null) return fallback;
        if (!int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var n) || n < 1 || n > 10_000)
            throw new UsageException($"{option} wants a whole number from 1 to 10000, not '{text}'");
        return n;
    }

    private static int Plan(Fleet.Fleet fleet, string outputDirectory, bool json, TextWriter output)
    {
        var plan = FleetPlan.Make(fleet, outputDirectory);
        if (json) output.Write(FleetOutput.PlanJson(plan));
        else FleetOutput.WritePlan(output, plan);
        return plan.HasErrors ? 1 : 0;
    }

    private static int Build(Fleet.Fleet fleet, string outputDirectory, bool json, TextWriter output, TextWriter error) =>
        Build(fleet, outputDirectory, GuestInputs.Compare(fleet, outputDirectory), json, output, error);

    private static int Build(Fleet.Fleet fleet, string outputDirectory, IReadOnlyList<GuestChanges> changes, bool json, TextWriter output, TextWriter error)
    {
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
