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
/// Dry-runs a guest against the fleet's OS image with the code of `personality dry-run`
/// (<see cref="DryRunPlan"/>), its volumes given as folders: the host manifest as build would write
/// it (in a temporary folder, removed after), the personality folder as the app volume, an empty
/// state volume. Only when the OS image is an unpacked tree: an image file would have to be
/// loop-mounted, as root, which plan does not do (it writes and mounts nothing).
/// </summary>
public static class GuestDryRun
{
    public static string? WhyNot(Fleet fleet) =>
        Directory.Exists(fleet.Images.Os)
            ? null
            : "the OS image is an image file, and plan mounts nothing; give images.os an unpacked tree to dry-run every guest, " +
              "or run 'personality dry-run --root' on the mounted image";

    public static DryRunOutcome Run(Fleet fleet, FleetGuest guest)
    {
        if (WhyNot(fleet) is { } why) return DryRunOutcome.NotRun(why);
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
            var record = DryRunPlan.Execute(new TargetRoot(fleet.Images.Os), fleet.Boot?.Cmdline ?? "", volumes);
            return new DryRunOutcome(true, null, record.Steps.Count, record.Diagnostics.All);
        }
        finally
        {
            Directory.Delete(scratch, recursive: true);
        }
    }
}
