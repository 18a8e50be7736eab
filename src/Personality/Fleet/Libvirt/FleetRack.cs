namespace Personality.Fleet.Libvirt;

/// <summary>
/// The fleet on libvirt: up, status, down and roll, each guest under its own connection. Every
/// command looks at what is there first and does only what differs, so running one twice changes
/// nothing the second time. The domains are those build wrote (OUT/GUEST/domain.xml).
/// </summary>
public sealed class FleetRack(Fleet fleet, string outputDirectory, Virsh virsh)
{
    private GuestLayout Layout(FleetGuest guest) => GuestLayout.For(outputDirectory, guest.Name);

    /// <summary>Defines and starts every guest that is not running, then waits for each to be ready.</summary>
    public IReadOnlyList<RackOutcome> Up(RackOptions options, Action<RackOutcome> done)
    {
        var pending = new List<PendingStart>();
        var outcomes = new List<RackOutcome>();
        foreach (var guest in fleet.Guests.Where(options.Includes))
        {
            var (state, said) = DomainStates.Of(virsh, guest);
            switch (state)
            {
                case DomainState.Running:
                    // Up never restarts: a running guest is only looked at (roll restarts changed ones).
                    var ready = GuestConsole.Readiness(Layout(guest));
                    if (ready is not null) Report(outcomes, done, new RackOutcome(guest, state, "already running", ready, RackOutcome.Healthy(ready),
                        RackOutcome.Healthy(ready) ? null : $"its boot failed (exit {ready.ExitStatus})"));
                    else pending.Add(new PendingStart(guest, Layout(guest), "already running", null));
                    break;
                case DomainState.Undefined or DomainState.Stopped:
                    pending.Add(new PendingStart(guest, Layout(guest), "started", () => DefineAndStart(guest)));
                    break;
                default:
                    Report(outcomes, done, new RackOutcome(guest, state, "left alone", null, false, $"libvirt says '{said}'"));
                    break;
            }
        }
        outcomes.AddRange(GuestStarts.Run(virsh, pending, options.Parallel, options.ReadyTimeout, done));
        return outcomes;
    }

    /// <summary>Each guest's domain state and the readiness line of its last boot.</summary>
    public IReadOnlyList<RackOutcome> Status(RackOptions options) =>
        fleet.Guests.Where(options.Includes).Select(guest =>
        {
            var (state, said) = DomainStates.Of(virsh, guest);
            var ready = state == DomainState.Running ? GuestConsole.Readiness(Layout(guest)) : null;
            var problem = state switch
            {
                DomainState.Running when ready is null => "no readiness line yet",
                DomainState.Running when !RackOutcome.Healthy(ready) => $"its boot failed (exit {ready!.ExitStatus})",
                DomainState.Unknown => said,
                _ => null,
            };
            return new RackOutcome(guest, state, "", ready, state == DomainState.Running && RackOutcome.Healthy(ready), problem);
        }).ToList();

    /// <summary>Stops (destroy: the root is read-only, nothing to flush) and undefines each guest there is.</summary>
    public IReadOnlyList<RackOutcome> Down(RackOptions options, Action<RackOutcome> done)
    {
        var outcomes = new List<RackOutcome>();
        foreach (var guest in fleet.Guests.Where(options.Includes))
        {
            var (state, said) = DomainStates.Of(virsh, guest);
            if (state == DomainState.Undefined) { Report(outcomes, done, new RackOutcome(guest, state, "not there", null, true)); continue; }
            if (state == DomainState.Unknown) { Report(outcomes, done, new RackOutcome(guest, state, "left alone", null, false, said)); continue; }
            var error = state == DomainState.Stopped ? null : Call(guest, "destroy", guest.DomainName);
            error ??= Call(guest, "undefine", guest.DomainName);
            Report(outcomes, done, new RackOutcome(guest, error is null ? DomainState.Undefined : DomainStates.Of(virsh, guest).State,
                error is null ? (state == DomainState.Stopped ? "undefined" : "stopped, undefined") : "failed", null, error is null, error));
        }
        return outcomes;
    }

    /// <summary>
    /// After build remade some guests' volumes or domains (<paramref name="changed"/>): restarts those
    /// that run, a batch at a time, each batch ready before the next. A guest not ready stops the
    /// roll: the guests not yet rolled keep running as they were.
    /// </summary>
    public IReadOnlyList<RackOutcome> Roll(IReadOnlyList<GuestChanges> changed, RackOptions options, Action<RackOutcome> done, Action<string> say)
    {
        var outcomes = new List<RackOutcome>();
        var toRoll = new List<PendingStart>();
        foreach (var change in changed.Where(c => options.Includes(c.Guest)))
        {
            var guest = change.Guest;
            var (state, _) = DomainStates.Of(virsh, guest);
            if (state != DomainState.Running)
            {
                Report(outcomes, done, new RackOutcome(guest, state, "not running: `fleet up` starts it", null, true));
                continue;
            }
            var why = string.Join(", ", change.NeedRestart.Select(p => p.Why));
            toRoll.Add(new PendingStart(guest, Layout(guest), $"restarted ({why})", () => Call(guest, "destroy", guest.DomainName) ?? DefineAndStart(guest)));
        }
        for (var i = 0; i < toRoll.Count; i += options.Parallel)
        {
            var batch = toRoll.Skip(i).Take(options.Parallel).ToList();
            say($"batch {i / options.Parallel + 1}: {string.Join(", ", batch.Select(p => p.Guest.Name))}");
            var results = GuestStarts.Run(virsh, batch, options.Parallel, options.ReadyTimeout, done);
            outcomes.AddRange(results);
            if (results.All(r => r.Ok)) continue;
            var left = toRoll.Skip(i + batch.Count).Select(p => p.Guest.Name).ToList();
            say($"roll stopped: {string.Join(", ", results.Where(r => !r.Ok).Select(r => r.Guest.Name))} not ready" +
                (left.Count == 0 ? "" : $"; not rolled, still running as they were: {string.Join(", ", left)}"));
            break;
        }
        return outcomes;
    }

    /// <summary>The console log is emptied once the old boot is gone, so a readiness line in it is the new boot's.</summary>
    private string? DefineAndStart(FleetGuest guest)
    {
        GuestConsole.Clear(Layout(guest));
        return Call(guest, "define", Layout(guest).DomainXml) ?? Call(guest, "start", guest.DomainName);
    }

    private string? Call(FleetGuest guest, params string[] arguments)
    {
        var r = virsh.Run(guest.Connection, arguments);
        return r.Ok ? null : $"{r.Command}: {r.Error}";
    }

    private static void Report(List<RackOutcome> outcomes, Action<RackOutcome> done, RackOutcome outcome)
    {
        outcomes.Add(outcome);
        done(outcome);
    }
}
