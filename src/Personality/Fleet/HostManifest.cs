using System.Text;
using Personality.Core;
using YamlDotNet.Core;
using YamlDotNet.Core.Events;

namespace Personality.Fleet;

/// <summary>
/// A guest's host volume manifest: the fleet's <c>host</c> template with the guest's own <c>host</c>
/// keys over it (key by key: a guest's key replaces the template's whole value), <c>{name}</c> in
/// every value replaced by the guest's name, written out as the volume's <c>personality.yaml</c>.
/// </summary>
/// <remarks>
/// The keys are not interpreted here: they are the manifest's, and the manifest reader judges them
/// (<see cref="FleetManifests"/>). Each key is written as a block of its own, so a problem the reader
/// finds on a line of the written text is traced back to the key in the fleet file
/// (<see cref="OriginOf"/>).
/// </remarks>
public sealed class HostManifest
{
    public const string NamePlaceholder = "{name}";

    private readonly IReadOnlyList<(int FirstLine, Origin Origin)> _lines;

    private HostManifest(string text, Origin origin, IReadOnlyList<(int, Origin)> lines)
    {
        Text = text;
        Origin = origin;
        _lines = lines;
    }

    /// <summary>The manifest as written to the host volume.</summary>
    public string Text { get; }

    /// <summary>Where the guest (or, without host keys, the fleet's template) is written in the fleet file.</summary>
    public Origin Origin { get; }

    internal static HostManifest Merge(IReadOnlyList<HostEntry> template, IReadOnlyList<HostEntry>? own, string guestName, Origin guestOrigin)
    {
        var merged = new List<HostEntry>(template.Where(t => own is null || own.All(o => o.Key != t.Key)));
        if (own is not null) merged.AddRange(own);
        var text = new StringBuilder("version: 1\nrole: host\n");
        var lines = new List<(int, Origin)>();
        var line = 3;
        foreach (var entry in merged)
        {
            var block = Emit(entry, guestName);
            lines.Add((line, entry.Origin));
            text.Append(block);
            line += block.Count(c => c == '\n');
        }
        return new HostManifest(text.ToString(), guestOrigin, lines);
    }

    /// <summary>
    /// The fleet file position of what produced line <paramref name="line"/> of <see cref="Text"/>:
    /// the key of that block, or the guest for the lines build writes itself (version, role).
    /// </summary>
    public Origin OriginOf(int line)
    {
        var found = Origin;
        foreach (var (first, origin) in _lines)
            if (line >= first) found = origin;
        return found;
    }

    /// <summary>One key and its value as a YAML block, values with the guest's name in place of the placeholder.</summary>
    private static string Emit(HostEntry entry, string guestName)
    {
        var writer = new StringWriter { NewLine = "\n" };
        var emitter = new Emitter(writer);
        emitter.Emit(new StreamStart());
        emitter.Emit(new DocumentStart());
        emitter.Emit(new MappingStart(AnchorName.Empty, TagName.Empty, true, MappingStyle.Block));
        emitter.Emit(new Scalar(entry.Key));
        foreach (var e in entry.Value)
            emitter.Emit(e is Scalar s ? Substituted(s, guestName) : e);
        emitter.Emit(new MappingEnd());
        emitter.Emit(new DocumentEnd(true));
        emitter.Emit(new StreamEnd());
        var lines = writer.ToString().Split('\n').Where(l => l.Length > 0 && l is not ("---" or "...")).ToList();
        return string.Concat(lines.Select(l => l + "\n"));
    }

    private static Scalar Substituted(Scalar s, string guestName) =>
        new(AnchorName.Empty, TagName.Empty, s.Value.Replace(NamePlaceholder, guestName, StringComparison.Ordinal),
            s.Style, s.IsPlainImplicit, s.IsQuotedImplicit);
}
