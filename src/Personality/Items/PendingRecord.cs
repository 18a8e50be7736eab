using Personality.Core;
using Personality.Pipeline;
using Personality.Steps;

namespace Personality.Items;

/// <summary>
/// A change record (services, files) as a stage leaves it for the end of the boot: what it said
/// before, what the current personalities hold now, and the restore steps whose entries stay
/// recorded until they succeed (a failed restore is tried again next boot). Written only when it
/// changes: a boot that changes nothing writes nothing, and creates no empty record.
/// </summary>
public sealed record PendingRecord<T>(string GuestFile, IReadOnlyList<T> Before, IReadOnlyList<T> Held,
    IReadOnlyList<(Step Step, IReadOnlyList<T> Entries)> Restores, Action<string, IReadOnlyList<T>> WriteFile) : IKeptState
{
    public void Write(TargetRoot root, Ledger ledger)
    {
        // Never through a symbolic link that appeared on the way (a volume is input): not written at all.
        if (new RootedResolver(root).Moved(GuestFile) is { } moved) throw new IOException(moved);
        var after = After(ledger);
        // Entries are records: the same set in any order is the same record.
        if (after.Count != Before.Count || !new HashSet<T>(after).SetEquals(Before)) WriteFile(root.Host(GuestFile), after);
    }

    /// <summary>The record after the run: what is held, plus what could not be put back.</summary>
    public IReadOnlyList<T> After(Ledger ledger) =>
        [.. Held, .. Restores.Where(r => !ledger.Succeeded(r.Step)).SelectMany(r => r.Entries)];

    /// <summary>The same, after the steps were rebuilt (given dependencies): the ledger knows the new ones.</summary>
    public PendingRecord<T> Map(Func<Step, Step> map) => this with { Restores = Restores.Select(r => (map(r.Step), r.Entries)).ToList() };
}
