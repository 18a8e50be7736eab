using Personality.Core;

namespace Personality.Services;

/// <summary>
/// Reads the present state of a service straight from the tree, the way chkconfig itself
/// decides it; shared by both backends so that each applies only what differs.
/// </summary>
public sealed class ServiceQuery(TargetRoot root)
{
    public TargetRoot Root => root;

    public bool Exists(string service)
    {
        if (!ServiceNames.IsValid(service)) return false;
        var layout = new ServiceLayout(root);
        return layout.InitScript(service) is not null || layout.XinetdFile(service) is not null;
    }

    /// <summary>True when the service is an xinetd service (an xinetd file and no init script).</summary>
    public bool IsXinetd(string service)
    {
        var layout = new ServiceLayout(root);
        return ServiceNames.IsValid(service) && layout.InitScript(service) is null && layout.XinetdFile(service) is not null;
    }

    public bool IsOn(string service, int level)
    {
        if (!ServiceNames.IsValid(service) || level is < 0 or >= RunLevels.Count) return false;
        var layout = new ServiceLayout(root);
        if (layout.InitScript(service) is null && layout.XinetdFile(service) is { } xinetd)
            return XinetdConfig.Read(XinetdConfig.Bytes.GetString(File.ReadAllBytes(xinetd))).On;
        return new LinkFarm(layout).IsOn(service, level);
    }

    /// <summary>
    /// The levels (bit set) among <paramref name="levels"/> where the service is not yet in the
    /// wanted state: all of them or none for an xinetd service. Throws for a bad name, unknown
    /// service or bad level text.
    /// </summary>
    public int LevelsToChange(string service, bool on, string levels)
    {
        ServiceNames.Check(service);
        var mask = string.IsNullOrEmpty(levels) ? RunLevels.Default : RunLevels.Parse(levels);
        if (mask < 0) throw new ServiceException($"levels '{levels}' are not digits 0-6 (for example 2345)");
        if (!Exists(service))
            throw new ServiceException($"error reading information on service {service}: no init script in {ServiceLayout.InitDirectory} and no {ServiceLayout.XinetdDirectory}/{service}");
        if (IsXinetd(service)) return IsOn(service, 0) == on ? 0 : mask;
        var farm = new LinkFarm(new ServiceLayout(root));
        var differing = 0;
        for (var level = 0; level < RunLevels.Count; level++)
            if (RunLevels.Contains(mask, level) && farm.IsOn(service, level) != on) differing |= 1 << level;
        return differing;
    }
}
