namespace Personality.Services;

public enum ServiceChangeKind
{
    LinkCreated,
    LinkRemoved,
    XinetdRewritten,
}

/// <summary>
/// One change to the guest's service configuration: a link created or removed in an rcN.d
/// directory, or an xinetd file rewritten. <see cref="GuestPath"/> is the path as a person sees
/// it (/etc/rc.d/rc3.d/S55sshd); <see cref="Detail"/> is the link target or the new
/// <c>disable</c> line.
/// </summary>
public sealed record ServiceChange(ServiceChangeKind Kind, string GuestPath, string Detail)
{
    /// <summary>"created /etc/rc.d/rc3.d/S55sshd", "removed ...", "rewrote /etc/xinetd.d/tftp (disable = no)".</summary>
    public override string ToString() => Kind switch
    {
        ServiceChangeKind.LinkCreated => $"created {GuestPath}",
        ServiceChangeKind.LinkRemoved => $"removed {GuestPath}",
        _ => $"rewrote {GuestPath} ({Detail})",
    };
}
