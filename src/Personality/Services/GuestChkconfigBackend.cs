using Personality.Core;
using Personality.Native;

namespace Personality.Services;

/// <summary>
/// The guest's own /sbin/chkconfig, run inside the target root through <see cref="GuestProcess"/>
/// (contained in the tree; directly when the root is "/"). The present state is read from the tree first, so
/// chkconfig runs only for the levels that differ, and not at all when nothing does; the lines
/// returned come from comparing the link farm (and the xinetd file) before and after.
/// </summary>
public sealed class GuestChkconfigBackend(TargetRoot root) : IServiceBackend
{
    public const string GuestPath = "/sbin/chkconfig";

    /// <summary>Bound on one chkconfig run: a boot never waits longer.</summary>
    public static readonly TimeSpan Timeout = TimeSpan.FromSeconds(60);

    private readonly ServiceQuery _query = new(root);

    public string Name => "chkconfig";

    public bool Exists(string service) => _query.Exists(service);

    public bool IsOn(string service, int level) => _query.IsOn(service, level);

    public IReadOnlyList<string> Set(string service, bool on, string levels)
    {
        var differing = _query.LevelsToChange(service, on, levels);
        if (differing == 0) return [];
        var xinetd = _query.IsXinetd(service);
        var layout = new ServiceLayout(root);
        var before = new LinkFarm(layout);
        var xinetdPath = xinetd ? layout.XinetdFile(service) : null;
        var xinetdBefore = xinetdPath is null ? null : File.ReadAllBytes(xinetdPath);

        List<string> args = xinetd ? [service, on ? "on" : "off"] : ["--level", RunLevels.Format(differing), service, on ? "on" : "off"];
        Run(args);

        var changes = LinkFarm.Difference(before, new LinkFarm(new ServiceLayout(root))).Select(c => c.ToString()).ToList();
        if (xinetdPath is not null && !File.ReadAllBytes(xinetdPath).AsSpan().SequenceEqual(xinetdBefore))
            changes.Add(new ServiceChange(ServiceChangeKind.XinetdRewritten, $"{ServiceLayout.XinetdDirectory}/{service}",
                $"disable = {(on ? "no" : "yes")}").ToString());
        return changes;
    }

    /// <summary>Runs the guest's chkconfig with <paramref name="args"/> inside the tree; throws on failure with its message.</summary>
    public ChkconfigRun Run(IReadOnlyList<string> args)
    {
        var shown = $"{GuestPath} {string.Join(' ', args)}" + (root.IsLive ? "" : $" (inside {root.Directory})");
        var result = GuestProcess.Run(new GuestProcessRequest(root.Directory, GuestPath, args,
            new Dictionary<string, string> { ["LC_ALL"] = "C" }, Timeout, OutputLimitBytes: 16 * 1024));
        if (result.StartError is { } error) throw new ServiceException($"cannot start {shown}: {error}");
        if (result.TimedOut) throw new ServiceException($"{shown} did not finish within {Timeout.TotalSeconds:F0} s and was killed");
        var output = result.Output.Trim();
        if (result.ExitCode != 0)
            throw new ServiceException($"{shown} failed ({(result.Signal is { } s ? $"signal {s}" : $"exit {result.ExitCode}")}): {output}");
        return new ChkconfigRun(0, output);
    }

    /// <summary>Exit code and output of one run of the guest's chkconfig.</summary>
    public sealed record ChkconfigRun(int ExitCode, string Output);
}
