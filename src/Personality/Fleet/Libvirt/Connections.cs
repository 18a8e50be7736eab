namespace Personality.Fleet.Libvirt;

/// <summary>
/// Every libvirt connection the chosen guests use, asked once before anything is built or started
/// (<c>virsh -c URI uri</c>): a connection that refuses is an error naming it and the guests on it,
/// with the fleet file's place of the first, and nothing is done anywhere.
/// </summary>
public static class Connections
{
    public static IReadOnlyList<string> Refusing(Virsh virsh, IEnumerable<FleetGuest> guests)
    {
        var problems = new List<string>();
        foreach (var group in guests.GroupBy(g => g.Connection, StringComparer.Ordinal))
        {
            var r = virsh.Run(group.Key, "uri");
            if (r.Ok) continue;
            var names = group.Select(g => g.Name).ToList();
            problems.Add($"{group.First().Origin}: error: libvirt connection {group.Key} refuses ({r.Error}); " +
                         $"guests on it: {string.Join(", ", names.Take(10))}{(names.Count > 10 ? $" and {names.Count - 10} more" : "")} " +
                         "(is libvirtd running there, and may this user connect?)");
        }
        return problems;
    }
}
