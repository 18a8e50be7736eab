namespace Personality.Fleet.Libvirt;

/// <summary>A guest's domain as libvirt knows it.</summary>
public enum DomainState { Undefined, Running, Stopped, Other, Unknown }

/// <summary>Reads <c>virsh domstate</c>.</summary>
public static class DomainStates
{
    public static (DomainState State, string Said) Of(Virsh virsh, FleetGuest guest)
    {
        var r = virsh.Run(guest.Connection, "domstate", guest.DomainName);
        if (!r.Ok)
            return r.Output.Contains("failed to get domain", StringComparison.OrdinalIgnoreCase) || r.Output.Contains("Domain not found", StringComparison.OrdinalIgnoreCase)
                ? (DomainState.Undefined, "undefined")
                : (DomainState.Unknown, r.Error);
        var said = r.Output.Trim();
        return (said switch
        {
            "running" or "idle" or "paused" or "in shutdown" => DomainState.Running,
            "shut off" or "crashed" => DomainState.Stopped,
            _ => DomainState.Other,
        }, said);
    }

    public static string Name(DomainState state) => state switch
    {
        DomainState.Undefined => "undefined",
        DomainState.Running => "running",
        DomainState.Stopped => "stopped",
        DomainState.Other => "other",
        _ => "unknown",
    };
}
