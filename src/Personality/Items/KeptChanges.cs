using Personality.Core;
using Personality.Pipeline;
using Personality.Steps;

namespace Personality.Items;

/// <summary>
/// Where what personalities changed is remembered between boots: next to where the changes
/// themselves persist. On a read-only root that is the state volume (STATE_MOUNT/.personality);
/// on a writable root, the root itself (/var/lib/personality). Null: nothing persists, so a
/// boot always starts from the image and there is nothing to put back.
/// </summary>
public sealed record KeptChanges(string GuestDirectory, string HostDirectory)
{
    public const string OnStateArea = "/.personality";
    public const string OnRoot = "/var/lib/personality";

    public string GuestFile(string name) => $"{GuestDirectory}/{name}";
    public string HostFile(string name) => $"{HostDirectory}/{name}";

    /// <summary>Every place records may be kept in this run (guest paths), whichever is used.</summary>
    public static IEnumerable<string> Places(RunContext run) =>
        [run.StateArea + OnStateArea, .. new[] { Services.ServiceChanges.FileName, Files.FileChanges.FileName, Files.FileChanges.OriginalsDirectory }
            .Select(name => run.Resolver.ResolveForWrite($"{OnRoot}/{name}"))];

    public static KeptChanges? Find(RunContext run)
    {
        if (run.StateMount is { } state && run.Ledger.OutcomeOf(state) is { Succeeded: true, MountedReadOnly: false })
        {
            var guest = run.StateArea + OnStateArea;
            // The state volume is input too: its .personality must be a plain directory, not a way out.
            if (new RootedResolver(run.Root).Moved(guest) is { } moved)
            {
                run.Diagnostics.Warn($"{guest} is not a plain directory of the state volume ({moved}); what personalities change is not kept there",
                    Origin.Of(guest), "remove the symbolic link from the state volume");
                return null;
            }
            return new(guest, run.ContentOf(state) + OnStateArea);
        }
        var onRoot = run.Resolver.ResolveForWrite(OnRoot);
        var host = run.Root.Host(onRoot);
        return !run.Settings.ReadOnlyRoot && Directory.Exists(host) && Native.SystemCalls.IsWritable(host) ? new(onRoot, host) : null;
    }

    /// <summary>
    /// Whether a change at <paramref name="guestPath"/> outlives the boot: everything on a writable
    /// root; on a read-only root, what lies below a statetab bind this run made (the state volume).
    /// </summary>
    public static bool Persists(RunContext run, string guestPath) =>
        !run.Settings.ReadOnlyRoot || run.Ledger.Entries.Any(e => e.Step is BindStep { Stage: StageName.Statetab } bind
            && e.Outcome.Succeeded && GuestPath.IsAtOrBelow(guestPath, bind.Target));
}
