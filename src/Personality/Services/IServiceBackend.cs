namespace Personality.Services;

/// <summary>Turns services on and off in a target root: the guest's own chkconfig, or the native engine.</summary>
public interface IServiceBackend
{
    /// <summary>"native" or "chkconfig".</summary>
    string Name { get; }

    /// <summary>An init script or an xinetd file of that name is present.</summary>
    bool Exists(string service);

    /// <summary>On at that level, from the link farm (an S link) or, for xinetd, its disable line.</summary>
    bool IsOn(string service, int level);

    /// <summary>
    /// Turns the service on or off at <paramref name="levels"/> ("2345" when empty), applying only
    /// what differs, and returns one human line per change ("created /etc/rc.d/rc3.d/S55sshd");
    /// empty when there was nothing to do. Throws <see cref="ServiceException"/> when the service
    /// cannot be changed (unknown, no chkconfig header, chkconfig failed).
    /// </summary>
    IReadOnlyList<string> Set(string service, bool on, string levels);
}
