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
        var tmpfs = Tmpfs(context);
        if (device is null) return [tmpfs];

        // Red Hat: "mount the device, else tmpfs". A device that refuses to mount still leaves a scratch area.
        var withFallback = new MountStep(Stage, device.Target, device.Origin, device.Device, device.FsType, device.Options) { Fallback = tmpfs };
        return [withFallback, new WipeStep(Stage, device.Target, device.Origin, withFallback) { DependsOn = [withFallback] }];
    }

    private static MountStep Tmpfs(PlanContext context)
    {
        var settings = context.Settings;
        var rwOptions = settings["RW_OPTIONS"];
        var options = MountOptions.ParseArguments(rwOptions.Value, out var problem);
        if (options is null)
        {
            context.Diagnostics.Warn($"RW_OPTIONS: {problem}; tmpfs mounted without options", Origin.Of(rwOptions.Source),
                "write RW_OPTIONS=\"-o size=64m\"");
            options = MountOptions.Parse("");
        }
        var origin = rwOptions.Source == "default" ? "RW_MOUNT (no fstab entry, no RW_LABEL device)" : rwOptions.Source;
        return new MountStep(Stage, context.ScratchArea, Origin.Of(origin), "none", "tmpfs", options);
    }
}
