using Personality.Core;
using Personality.Discovery;
using Personality.DryRun;
using Personality.Manifests;

namespace Personality.Fleet;

/// <summary>A guest's dry run: ran or not (and why not), with its step count and problems.</summary>
public sealed record DryRunOutcome(bool Ran, string? NotRunBecause, int Steps, IReadOnlyList<Diagnostic> Problems)
{
    public int Errors => Problems.Count(p => p.Severity == Severity.Error);

    public static DryRunOutcome NotRun(string why) => new(false, why, 0, []);
}

/// <summary>
/// Dry-runs each guest against the fleet's OS image with the code of `personality dry-run`
/// (<see cref="DryRunPlan"/>), its volumes given as folders: the host manifest as build would write
/// it (in a temporary folder, removed after), the personality folder as the app volume, an empty
/// state volume. An unpacked tree is read as it is; an image file, as root, is loop-mounted
/// read-only in a mount namespace private to the dry run (<see cref="ImageVolumes"/>), which the
/// host never sees. Nothing is written anywhere.
/// </summary>
public static class GuestDryRun
{
    private const string OsLabel = "images.os";

    public static IReadOnlyList<DryRunOutcome> RunAll(Fleet fleet, IReadOnlyList<FleetGuest> guests)
    {
        var os = fleet.Images.Os;
        if (Directory.Exists(os)) return guests.Select(g => Run(fleet, g, os)).ToList();
        if (WhyNotImage(os) is { } why) return guests.Select(_ => DryRunOutcome.NotRun(why)).ToList();
        IReadOnlyList<DryRunOutcome> outcomes = [];
        try
        {
            ImageVolumes.WithMounted([new VolumeArgument(OsLabel, os)], mounted =>
            {
                outcomes = guests.Select(g => Run(fleet, g, mounted[0].Content)).ToList();
                return 0;
            });
        }
        catch (Cli.UsageException e)
        {
            return guests.Select(_ => DryRunOutcome.NotRun($"the OS image could not be mounted read-only: {e.Message}")).ToList();
        }
        return outcomes;
    }

    /// <summary>Why an OS image file cannot be dry-run here, or null when it can.</summary>
    private static string? WhyNotImage(string image)
    {
        if (Native.FileCalls.EffectiveUid != 0)
            return "the OS image is an image file: loop-mounting it read-only needs root (or give images.os an unpacked tree)";
        var probe = new SuperblockReader().Probe(image);
        return probe.Problem is not null || probe.FsType is null
            ? $"the OS image is an image file without a filesystem this tool reads ({probe.Problem ?? "no known superblock"})"
            : null;
    }

    private static DryRunOutcome Run(Fleet fleet, FleetGuest guest, string root)
    {
        var scratch = Directory.CreateTempSubdirectory("personality-fleet-plan-").FullName;
        try
        {
            var host = Path.Combine(scratch, "host");
            var state = Path.Combine(scratch, "state");
            Directory.CreateDirectory(host);
            Directory.CreateDirectory(state);
            File.WriteAllText(Path.Combine(host, ManifestReader.FileName), guest.Host.Text);
            GivenVolume[] volumes =
            [
                new(ExtImage.HostLabel, host, $"{guest.Name}:host", DirectoryVolumes.FsType),
                new(ExtImage.AppLabel, guest.Personality.Folder, guest.Personality.Folder, DirectoryVolumes.FsType),
                new(ExtImage.StateLabel, state, $"{guest.Name}:state", DirectoryVolumes.FsType),
            ];
            var record = DryRunPlan.Execute(new TargetRoot(root), fleet.Boot?.Cmdline ?? "", volumes);
            return new DryRunOutcome(true, null, record.Steps.Count, record.Diagnostics.All);
        }
        finally
        {
            Directory.Delete(scratch, recursive: true);
        }
    }
}
