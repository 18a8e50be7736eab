using Personality.Apply.Mounts;
using Personality.Apply.Steps;
using Personality.Core;
using Personality.Plan;

namespace Personality.Plan.ReadOnlyRoot;

/// <summary>
/// The scratch area at RW_MOUNT: an /etc/fstab entry, else the RW_LABEL device (both wiped
/// first), else tmpfs with RW_OPTIONS.
/// </summary>
public static class ScratchPlanner
{
    public const string Stage = "scratch";

    public static IReadOnlyList<Step> Plan(PlanContext context)
    {
        var settings = context.Settings;
        var mountPoint = settings.Value("RW_MOUNT");
        var device = AreaMount.FromFstabOrLabel(context, Stage, "scratch", mountPoint,
            settings.Value("RW_LABEL"), "RW_LABEL", extraFstabOptions: null);
        if (device is not null)
            return [device, new WipeStep(Stage, mountPoint, device.Origin, device) { DependsOn = [device] }];

        var rwOptions = settings["RW_OPTIONS"];
        var options = MountOptions.ParseArguments(rwOptions.Value, out var problem);
        if (options is null)
        {
            context.Diagnostics.Warn($"RW_OPTIONS: {problem}; tmpfs mounted without options", Origin.Of(rwOptions.Source),
                "write RW_OPTIONS=\"-o size=64m\"");
            options = MountOptions.Parse("");
        }
        return [new MountStep(Stage, context.ScratchArea, Origin.Of(rwOptions.Source == "default" ? "RW_MOUNT (no fstab entry, no RW_LABEL device)" : rwOptions.Source),
            "none", "tmpfs", options)];
    }
}
