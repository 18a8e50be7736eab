using System.Globalization;

namespace Personality.Plan.Personalities;

/// <summary>
/// Users and groups of the target root, read from its /etc/passwd and /etc/group. Never NSS:
/// the static binary has no NSS, and the answer must be the guest's, not the machine's running it.
/// </summary>
public sealed class Accounts
{
    private readonly Dictionary<string, (uint Uid, uint Gid)> _users = new(StringComparer.Ordinal);
    private readonly Dictionary<string, uint> _groups = new(StringComparer.Ordinal);

    /// <summary>No users or groups: numeric owners only (no manifest read yet).</summary>
    public static Accounts Empty { get; } = new();

    public static Accounts Read(Core.TargetRoot root)
    {
        var accounts = new Accounts();
        foreach (var fields in Lines(root.Host("/etc/passwd")))
            if (fields.Length >= 4 && uint.TryParse(fields[2], out var uid) && uint.TryParse(fields[3], out var gid))
                accounts._users.TryAdd(fields[0], (uid, gid));
        foreach (var fields in Lines(root.Host("/etc/group")))
            if (fields.Length >= 3 && uint.TryParse(fields[2], out var gid))
                accounts._groups.TryAdd(fields[0], gid);
        return accounts;
    }

    private static IEnumerable<string[]> Lines(string path)
    {
        string text;
        try { text = File.ReadAllText(path); }
        catch (IOException) { yield break; }
        foreach (var line in text.Split('\n'))
            if (line.Length > 0 && line[0] != '#') yield return line.Split(':');
    }

    /// <summary>Resolves "user", "user:group", "uid:gid"; null with a reason when a name is unknown.</summary>
    public (uint Uid, uint Gid)? Resolve(string owner, out string? problem)
    {
        problem = null;
        var colon = owner.IndexOf(':');
        var user = colon < 0 ? owner : owner[..colon];
        var group = colon < 0 ? null : owner[(colon + 1)..];

        uint uid, gid;
        if (uint.TryParse(user, NumberStyles.None, CultureInfo.InvariantCulture, out uid))
            gid = _users.Values.FirstOrDefault(u => u.Uid == uid).Gid;
        else if (_users.TryGetValue(user, out var entry))
            (uid, gid) = entry;
        else
        {
            problem = $"user '{user}' is not in the image's /etc/passwd";
            return null;
        }
        if (string.IsNullOrEmpty(group)) return (uid, gid);
        if (uint.TryParse(group, NumberStyles.None, CultureInfo.InvariantCulture, out gid)) return (uid, gid);
        if (_groups.TryGetValue(group, out gid)) return (uid, gid);
        problem = $"group '{group}' is not in the image's /etc/group";
        return null;
    }
}
