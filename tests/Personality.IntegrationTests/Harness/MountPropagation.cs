namespace Personality.IntegrationTests.Harness;

/// <summary>
/// The propagation of one mount, from the optional fields of its /proc/self/mountinfo line
/// (<c>shared:N</c>, <c>master:N</c>, <c>propagate_from:N</c>, <c>unbindable</c>; none means private).
/// </summary>
public sealed record MountPropagation(int Id, string MountPoint, int? Shared, int? Master, bool Unbindable)
{
    public bool IsPrivate => Shared is null && Master is null && !Unbindable;

    public override string ToString() =>
        $"{MountPoint} (id {Id}): " + (IsPrivate ? "private" :
            string.Join(' ', new[] { Shared is { } s ? $"shared:{s}" : null, Master is { } m ? $"master:{m}" : null, Unbindable ? "unbindable" : null }
                .Where(x => x is not null)));

    /// <summary>Every line of a raw mountinfo text, in order.</summary>
    public static IReadOnlyList<MountPropagation> Parse(string mountinfo) =>
        mountinfo.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(ParseLine).ToList();

    private static MountPropagation ParseLine(string line)
    {
        // id parent maj:min root mountpoint options [optional...] - fstype source superoptions
        var f = line.Split(' ');
        var dash = Array.IndexOf(f, "-", 6);
        if (dash < 0)
            throw new FormatException($"bad mountinfo line: {line}");
        int? shared = null, master = null;
        var unbindable = false;
        foreach (var tag in f[6..dash])
        {
            if (tag.StartsWith("shared:", StringComparison.Ordinal))
                shared = int.Parse(tag["shared:".Length..]);
            else if (tag.StartsWith("master:", StringComparison.Ordinal))
                master = int.Parse(tag["master:".Length..]);
            else if (tag == "unbindable")
                unbindable = true;
        }
        // Mount points are the only field the tests compare; the kernel escapes space, tab, newline and backslash.
        var mountPoint = f[4].Replace("\\040", " ").Replace("\\011", "\t").Replace("\\012", "\n").Replace("\\134", "\\");
        return new MountPropagation(int.Parse(f[0]), mountPoint, shared, master, unbindable);
    }
}
