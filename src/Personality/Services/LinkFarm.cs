using Personality.Native;

namespace Personality.Services;

/// <summary>
/// The rc0.d..rc6.d directories held in memory while a command runs. chkconfig reads and
/// rewrites links as it goes (glob, unlink, symlink); here the same reads and writes happen on
/// this model, and only the difference from what is on disk is written at the end
/// (<see cref="Changes"/>, <see cref="Apply"/>): a second identical command changes nothing.
/// An entry belongs to service NAME when its name is S or K, two digits, then NAME.
/// </summary>
public sealed class LinkFarm
{
    private readonly ServiceLayout _layout;
    private readonly SortedDictionary<string, string?>?[] _initial = new SortedDictionary<string, string?>?[RunLevels.Count];
    private readonly SortedDictionary<string, string?>?[] _current = new SortedDictionary<string, string?>?[RunLevels.Count];

    public LinkFarm(ServiceLayout layout)
    {
        _layout = layout;
        for (var level = 0; level < RunLevels.Count; level++)
        {
            var dir = layout.RcDirectory(level);
            if (dir is null) continue;
            var entries = new SortedDictionary<string, string?>(StringComparer.Ordinal);
            foreach (var path in Directory.EnumerateFileSystemEntries(layout.Root.Host(dir)))
                entries[Path.GetFileName(path)] = new FileInfo(path).LinkTarget;
            _initial[level] = entries;
            _current[level] = new SortedDictionary<string, string?>(entries, StringComparer.Ordinal);
        }
    }

    public bool HasLevel(int level) => _current[level] is not null;

    /// <summary>The entries of NAME at a level, sorted (chkconfig's glob <c>[SK][0-9][0-9]NAME</c>).</summary>
    public IReadOnlyList<string> Entries(string service, int level)
    {
        var entries = _current[level];
        return entries is null ? [] : entries.Keys.Where(e => Belongs(e, service)).ToList();
    }

    /// <summary>Whether NAME has any link at this level; its first entry's type ('S' or 'K') and priority.</summary>
    public bool IsConfigured(string service, int level, out char type, out int priority, out int count)
    {
        var entries = Entries(service, level);
        count = entries.Count;
        type = '\0';
        priority = 0;
        if (count == 0) return false;
        type = entries[0][0];
        priority = (entries[0][1] - '0') * 10 + (entries[0][2] - '0');
        return true;
    }

    public bool IsConfigured(string service, int level) => Entries(service, level).Count > 0;

    /// <summary>
    /// On at this level: an S entry exists. (With both an S and a K entry, rc runs K then S, so
    /// the service ends up started.)
    /// </summary>
    public bool IsOn(string service, int level) => Entries(service, level).Any(e => e[0] == 'S');

    /// <summary>The levels where NAME is on, as a bit set (chkconfig's whatLevels).</summary>
    public int OnLevels(string service)
    {
        var mask = 0;
        for (var level = 0; level < RunLevels.Count; level++)
            if (IsOn(service, level)) mask |= 1 << level;
        return mask;
    }

    /// <summary>Removes every entry of NAME at a level.</summary>
    public void Remove(string service, int level)
    {
        var entries = _current[level];
        if (entries is null) return;
        foreach (var e in Entries(service, level)) entries.Remove(e);
    }

    /// <summary>
    /// chkconfig's doSetService: removes NAME's entries at the level and adds SnnNAME or KnnNAME
    /// -> ../init.d/NAME. Returns an error message when the level's directory does not exist.
    /// </summary>
    public string? Set(string service, int level, bool on, int priority)
    {
        Remove(service, level);
        var name = LinkName(service, on, priority);
        var entries = _current[level];
        if (entries is null)
            return $"failed to make symlink {_layout.ShownRcDirectory(level)}/{name}: No such file or directory";
        entries[name] = ServiceLayout.LinkTarget(service);
        return null;
    }

    /// <summary>"S55sshd": the type, the priority as printf's %02d, the name.</summary>
    public static string LinkName(string service, bool on, int priority) =>
        (on ? "S" : "K") + priority.ToString(priority < 0 ? "D1" : "D2", System.Globalization.CultureInfo.InvariantCulture) + service;

    /// <summary>What differs from the disk: removals first, then creations, level by level.</summary>
    public IReadOnlyList<ServiceChange> Changes() => Compare(_layout, _initial, _current);

    /// <summary>What changed on disk between two readings of the same tree (around a run of the guest's chkconfig).</summary>
    public static IReadOnlyList<ServiceChange> Difference(LinkFarm before, LinkFarm after) => Compare(after._layout, before._current, after._current);

    private static List<ServiceChange> Compare(ServiceLayout layout, SortedDictionary<string, string?>?[] from, SortedDictionary<string, string?>?[] to)
    {
        var changes = new List<ServiceChange>();
        for (var level = 0; level < RunLevels.Count; level++)
        {
            var before = from[level] ?? [];
            var after = to[level] ?? [];
            var shown = layout.ShownRcDirectory(level);
            foreach (var (name, target) in before)
                if (!after.TryGetValue(name, out var now) || now != target)
                    changes.Add(new ServiceChange(ServiceChangeKind.LinkRemoved, $"{shown}/{name}", target ?? ""));
            foreach (var (name, target) in after)
                if (!before.TryGetValue(name, out var was) || was != target)
                    changes.Add(new ServiceChange(ServiceChangeKind.LinkCreated, $"{shown}/{name}", target ?? ""));
        }
        return changes;
    }

    /// <summary>Writes <see cref="Changes"/> to disk; afterwards the model and the disk agree.</summary>
    public void Apply()
    {
        for (var level = 0; level < RunLevels.Count; level++)
        {
            var before = _initial[level];
            var after = _current[level];
            var dir = _layout.RcDirectory(level);
            if (before is null || after is null || dir is null) continue;
            var host = _layout.Root.Host(dir);
            foreach (var (name, target) in before.ToList())
            {
                if (after.TryGetValue(name, out var now) && now == target) continue;
                var rc = FileCalls.TryRemove(Path.Combine(host, name), directory: false);
                if (rc != 0 && rc != Errno.ENOENT)
                    throw new ServiceException($"cannot remove {_layout.ShownRcDirectory(level)}/{name}: {Errno.Describe(rc)}");
                before.Remove(name);
            }
            foreach (var (name, target) in after)
            {
                if (before.ContainsKey(name) || target is null) continue;
                try
                {
                    FileCalls.Symlink(target, Path.Combine(host, name));
                }
                catch (NativeException e)
                {
                    throw new ServiceException($"failed to make symlink {_layout.ShownRcDirectory(level)}/{name}: {Errno.Describe(e.Errno)}");
                }
                before[name] = target;
            }
        }
    }

    private static bool Belongs(string entry, string service) =>
        entry.Length == service.Length + 3 && entry[0] is 'S' or 'K' && char.IsAsciiDigit(entry[1]) && char.IsAsciiDigit(entry[2]) &&
        string.CompareOrdinal(entry, 3, service, 0, service.Length) == 0;
}
