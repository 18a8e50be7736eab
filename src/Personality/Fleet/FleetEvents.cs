using Personality.Core;
using YamlDotNet.Core.Events;

namespace Personality.Fleet;

/// <summary>One key of a host map, kept as the parser's events so it can be written out again as it was.</summary>
/// <param name="Value">The value's events (a scalar, or a whole list or mapping).</param>
/// <param name="Origin">Where the key is written in the fleet file.</param>
internal sealed record HostEntry(string Key, IReadOnlyList<ParsingEvent> Value, Origin Origin);

/// <summary>One line of <c>personalities:</c>: a name and its folder (null when written with no value).</summary>
internal sealed record PersonalityEntry(string Name, string? Folder, Origin Origin, Origin ValueOrigin);

/// <summary>
/// A scanned fleet file split in two: the events the static deserializer reads into <see cref="FleetDto"/>,
/// and the parts with free keys, read here from the events: <c>personalities</c>, the fleet's
/// <c>host</c> template and each guest entry's <c>host</c> (by the entry's index in <c>guests</c>).
/// </summary>
internal sealed record FleetEvents(
    IReadOnlyList<ParsingEvent> Rest,
    IReadOnlyList<PersonalityEntry> Personalities,
    IReadOnlyList<HostEntry> HostTemplate,
    IReadOnlyDictionary<int, IReadOnlyList<HostEntry>> GuestHosts)
{
    /// <summary>Splits the events of a document the scanner accepted (a mapping at the top).</summary>
    public static FleetEvents Split(IReadOnlyList<ParsingEvent> events, string file)
    {
        var rest = new List<ParsingEvent>();
        var personalities = new List<PersonalityEntry>();
        IReadOnlyList<HostEntry> template = [];
        var guestHosts = new Dictionary<int, IReadOnlyList<HostEntry>>();

        var i = 0;
        while (events[i] is not MappingStart) rest.Add(events[i++]);
        rest.Add(events[i++]);
        while (events[i] is not MappingEnd)
        {
            var key = ((Scalar)events[i]).Value;
            var end = End(events, i + 1);
            switch (key)
            {
                case "personalities":
                    personalities.AddRange(Pairs(events, i + 1, file).Select(p => new PersonalityEntry(p.Key,
                        events[p.Value] is Scalar { Value: var v } s && !IsNull(s) ? v : null,
                        p.Origin, At(events[p.Value], file))));
                    break;
                case "host":
                    template = HostMap(events, i + 1, file);
                    break;
                case "guests" when events[i + 1] is SequenceStart:
                    rest.Add(events[i]);
                    Guests(events, i + 1, end, file, rest, guestHosts);
                    break;
                default:
                    for (var j = i; j < end; j++) rest.Add(events[j]);
                    break;
            }
            i = end;
        }
        for (; i < events.Count; i++) rest.Add(events[i]);
        return new FleetEvents(rest, personalities, template, guestHosts);
    }

    /// <summary>Copies the guest list to <paramref name="rest"/> without the <c>host</c> key of each entry, which goes to <paramref name="hosts"/>.</summary>
    private static void Guests(IReadOnlyList<ParsingEvent> events, int start, int end, string file,
        List<ParsingEvent> rest, Dictionary<int, IReadOnlyList<HostEntry>> hosts)
    {
        rest.Add(events[start]);
        var index = 0;
        for (var i = start + 1; i < end - 1; index++)
        {
            var itemEnd = End(events, i);
            if (events[i] is not MappingStart)
            {
                for (var j = i; j < itemEnd; j++) rest.Add(events[j]);
                i = itemEnd;
                continue;
            }
            rest.Add(events[i]);
            for (var k = i + 1; events[k] is not MappingEnd;)
            {
                var valueEnd = End(events, k + 1);
                if (((Scalar)events[k]).Value == "host") hosts[index] = HostMap(events, k + 1, file);
                else for (var j = k; j < valueEnd; j++) rest.Add(events[j]);
                k = valueEnd;
            }
            rest.Add(events[itemEnd - 1]);
            i = itemEnd;
        }
        rest.Add(events[end - 1]);
    }

    private static IReadOnlyList<HostEntry> HostMap(IReadOnlyList<ParsingEvent> events, int start, string file) =>
        Pairs(events, start, file).Select(p => new HostEntry(p.Key, events.Skip(p.Value).Take(End(events, p.Value) - p.Value).ToList(), p.Origin)).ToList();

    /// <summary>The keys of the mapping starting at <paramref name="start"/> (none for an empty value), with where each value starts.</summary>
    private static IEnumerable<(string Key, int Value, Origin Origin)> Pairs(IReadOnlyList<ParsingEvent> events, int start, string file)
    {
        if (events[start] is not MappingStart) yield break;
        for (var k = start + 1; events[k] is not MappingEnd; k = End(events, k + 1))
            yield return (((Scalar)events[k]).Value, k + 1, At(events[k], file));
    }

    /// <summary>The index just after the node starting at <paramref name="i"/>.</summary>
    private static int End(IReadOnlyList<ParsingEvent> events, int i)
    {
        var depth = 0;
        do
        {
            if (events[i] is MappingStart or SequenceStart) depth++;
            else if (events[i] is MappingEnd or SequenceEnd) depth--;
            i++;
        } while (depth > 0);
        return i;
    }

    internal static bool IsNull(Scalar s) =>
        s.Style == YamlDotNet.Core.ScalarStyle.Plain && s.Value is "" or "~" or "null" or "Null" or "NULL";

    private static Origin At(ParsingEvent e, string file) => new(file, (int)e.Start.Line, (int)e.Start.Column);
}
