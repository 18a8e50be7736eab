using System.Diagnostics;

namespace Personality.Fleet.Libvirt;

/// <summary>One guest to bring up: how to start it (null when it is already running and only awaited); starting empties its console log first.</summary>
public sealed record PendingStart(FleetGuest Guest, GuestLayout Layout, string Action, Func<string?>? Start);

/// <summary>
/// Starts guests at most <c>parallel</c> at a time and waits for each one's readiness line, each
/// with its own deadline: a guest holds its slot until it is ready, failed or out of time, so a
/// rack of 30 never boots 30 at once on 2 cores. A domain that stops while awaited is given up at once.
/// </summary>
public static class GuestStarts
{
    private static readonly TimeSpan Poll = TimeSpan.FromMilliseconds(250);
    // Asking libvirt costs a process: the domain's state is looked at this often, the log at every poll.
    private static readonly TimeSpan StateEvery = TimeSpan.FromSeconds(5);

    private sealed class Awaited(PendingStart pending)
    {
        public PendingStart Pending { get; } = pending;
        public Stopwatch Clock { get; } = Stopwatch.StartNew();
        public TimeSpan NextStateCheck { get; set; } = StateEvery;
    }

    public static IReadOnlyList<RackOutcome> Run(Virsh virsh, IReadOnlyList<PendingStart> guests, int parallel, TimeSpan timeout, Action<RackOutcome> done)
    {
        var queue = new Queue<PendingStart>(guests);
        var active = new List<Awaited>();
        var outcomes = new List<RackOutcome>();
        void Finish(RackOutcome outcome) { outcomes.Add(outcome); done(outcome); }

        while (queue.Count > 0 || active.Count > 0)
        {
            while (active.Count < parallel && queue.TryDequeue(out var next))
            {
                if (next.Start is { } start)
                {
                    if (start() is { } error)
                    {
                        Finish(new RackOutcome(next.Guest, DomainStates.Of(virsh, next.Guest).State, next.Action, null, false, error));
                        continue;
                    }
                }
                active.Add(new Awaited(next));
            }
            foreach (var awaited in active.ToList())
            {
                var (pending, clock) = (awaited.Pending, awaited.Clock);
                var ready = GuestConsole.Readiness(pending.Layout);
                var waited = clock.Elapsed.TotalSeconds;
                RackOutcome? outcome = null;
                if (ready is not null)
                {
                    outcome = new RackOutcome(pending.Guest, DomainState.Running, pending.Action, ready, RackOutcome.Healthy(ready),
                        RackOutcome.Healthy(ready) ? null : $"its boot failed (exit {ready.ExitStatus}): see `personality status` in the guest", waited);
                }
                else if (clock.Elapsed > timeout)
                {
                    outcome = new RackOutcome(pending.Guest, DomainStates.Of(virsh, pending.Guest).State, pending.Action, null, false,
                        $"no readiness line in {timeout.TotalSeconds:F0} s (see {pending.Layout.Console})", waited);
                }
                else if (clock.Elapsed > awaited.NextStateCheck)
                {
                    awaited.NextStateCheck = clock.Elapsed + StateEvery;
                    if (DomainStates.Of(virsh, pending.Guest).State is DomainState.Stopped or DomainState.Undefined)
                        outcome = new RackOutcome(pending.Guest, DomainState.Stopped, pending.Action, null, false,
                            $"the guest stopped before it was ready (see {pending.Layout.Console})", waited);
                }
                if (outcome is null) continue;
                active.Remove(awaited);
                Finish(outcome);
            }
            if (active.Count > 0) Thread.Sleep(Poll);
        }
        return outcomes;
    }
}
