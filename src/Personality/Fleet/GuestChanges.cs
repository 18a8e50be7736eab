namespace Personality.Fleet;

/// <summary>The parts of a guest's build, each made, kept or changed on its own.</summary>
public enum GuestPart { HostVolume, AppVolume, StateVolume, Domain, XlConfig }

/// <summary>What happens to one part, and why.</summary>
public enum PartAction { Create, Rebuild, Keep, Unchanged }

/// <param name="Notable">Worth saying even when nothing else of the guest changes (a state volume smaller than the fleet asks).</param>
public sealed record PartChange(GuestPart Part, PartAction Action, string Why, bool Notable = false)
{
    public bool Writes => Action is PartAction.Create or PartAction.Rebuild;
}

/// <summary>
/// What a build would do for one guest, from the fleet (what it should be) and the guest's folder
/// (what it is): the same comparison for plan (which only says it) and build (which does it).
/// </summary>
public sealed record GuestChanges(FleetGuest Guest, GuestLayout Layout, GuestInputs Inputs, bool New, IReadOnlyList<PartChange> Parts)
{
    public bool Any => Parts.Any(p => p.Writes);

    /// <summary>A running guest sees a change only after a restart: volumes and its domain (xl.cfg is for Xen hosts only).</summary>
    public IReadOnlyList<PartChange> NeedRestart => Parts.Where(p => p.Writes && p.Part != GuestPart.XlConfig && p.Part != GuestPart.StateVolume).ToList();

    public static GuestChanges Compare(GuestInputs inputs, GuestLayout layout)
    {
        var record = BuildRecord.Read(layout.Record);
        var isNew = !Directory.Exists(layout.Directory);
        var parts = new List<PartChange>
        {
            Volume(GuestPart.HostVolume, layout.HostImage, record?.HostHash, inputs.HostHash, isNew, "the host map changed"),
            Volume(GuestPart.AppVolume, layout.AppImage, record?.AppHash, inputs.AppHash, isNew,
                record is not null && record.Personality != inputs.Guest.Personality.Name
                    ? $"the personality changed from {record.Personality} to {inputs.Guest.Personality.Name}"
                    : $"the folder of personality {inputs.Guest.Personality.Name} changed"),
            State(layout, record, inputs.Guest.State, isNew),
            Text(GuestPart.Domain, layout.DomainXml, inputs.DomainText, isNew),
            Text(GuestPart.XlConfig, layout.XlConfig, inputs.XlText, isNew),
        };
        return new GuestChanges(inputs.Guest, layout, inputs, isNew, parts);
    }

    private static PartChange Volume(GuestPart part, string image, string? recorded, string wanted, bool isNew, string changed)
    {
        if (isNew) return new PartChange(part, PartAction.Create, "not built yet");
        if (!File.Exists(image)) return new PartChange(part, PartAction.Create, $"{Path.GetFileName(image)} is missing");
        if (recorded is null) return new PartChange(part, PartAction.Rebuild, "no build record: what it was built from is not known");
        return recorded == wanted ? new PartChange(part, PartAction.Unchanged, "") : new PartChange(part, PartAction.Rebuild, changed);
    }

    private static PartChange State(GuestLayout layout, BuildRecord? record, Size wanted, bool isNew)
    {
        if (isNew) return new PartChange(GuestPart.StateVolume, PartAction.Create, "not built yet");
        if (!File.Exists(layout.StateImage)) return new PartChange(GuestPart.StateVolume, PartAction.Create, "state.img is missing");
        var made = record?.StateSize;
        return made is not null && made != wanted.ToString()
            ? new PartChange(GuestPart.StateVolume, PartAction.Keep, $"kept at {made}, though the fleet now asks {wanted}: a state volume is never overwritten or resized", Notable: true)
            : new PartChange(GuestPart.StateVolume, PartAction.Keep, "kept: a state volume is never overwritten");
    }

    private static PartChange Text(GuestPart part, string file, string wanted, bool isNew)
    {
        if (isNew) return new PartChange(part, PartAction.Create, "not built yet");
        if (!File.Exists(file)) return new PartChange(part, PartAction.Create, $"{Path.GetFileName(file)} is missing");
        string current;
        try { current = File.ReadAllText(file); }
        catch (IOException) { current = ""; }
        return current == wanted ? new PartChange(part, PartAction.Unchanged, "") : new PartChange(part, PartAction.Rebuild, Difference(current, wanted));
    }

    /// <summary>The lines that are new, trimmed, at most two: "now <memory unit='KiB'>131072</memory>".</summary>
    private static string Difference(string current, string wanted)
    {
        var old = current.Split('\n').Select(l => l.Trim()).ToHashSet(StringComparer.Ordinal);
        var added = wanted.Split('\n').Select(l => l.Trim()).Where(l => l.Length > 0 && !old.Contains(l)).ToList();
        if (added.Count == 0) return "lines were removed or reordered";
        return "now " + string.Join("; ", added.Take(2)) + (added.Count > 2 ? $"; and {added.Count - 2} more lines" : "");
    }
}
