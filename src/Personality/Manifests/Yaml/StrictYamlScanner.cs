using Personality.Core;
using YamlDotNet.Core;
using YamlDotNet.Core.Events;

namespace Personality.Manifests.Yaml;

/// <summary>
/// The events of a document read through by <see cref="StrictYamlScanner"/>, and where each node starts.
/// <paramref name="Errors"/> counts the structural problems reported; the events are then the
/// document without them (see the scanner), still worth deserializing to check the values.
/// </summary>
internal sealed record ScannedDocument(IReadOnlyList<ParsingEvent> Events, NodePositions Positions, int Errors);

/// <summary>
/// The one pass over YamlDotNet's parser events that every configuration file goes through before
/// the static deserializer sees it.
/// </summary>
/// <remarks>
/// Why a pre-pass over parser events (and not a custom INodeDeserializer): the static deserializer
/// turns the document into plain DTO objects and forgets where each came from; scalars in a list
/// (<c>state: [/a, /b]</c>) are bare strings, with no identity to hang a position on. Walking the
/// events ourselves, once, gives all of this in one place and without reflection:
/// <list type="bullet">
/// <item>the start mark of every node and key, by path (<c>files[2].mode</c>), in <see cref="NodePositions"/>;</item>
/// <item>every structural error at once (unknown key with did-you-mean, duplicate key, list where a
/// value is expected, ...), where the deserializer would stop at the first;</item>
/// <item>the safety limits, checked as the events arrive: nesting depth, items per list, and anchors
/// and aliases refused outright (an alias bomb is refused at its first anchor, never expanded).</item>
/// </list>
/// The recorded events are then replayed into the static deserializer (<see cref="EventReplay"/>), so
/// the text is parsed once. A structural error does not stop the pass: what it reported is taken out
/// of the recorded events (an unknown or repeated key with its value is dropped; a value of the
/// wrong shape or an alias becomes an empty value, marked in <see cref="NodePositions.WasReported"/>;
/// anchors and tags are stripped), so the values around it are still deserialized and checked, and
/// one run reports both kinds of error. Only what leaves no document to read stops it: a YAML
/// syntax error, nesting past the limit, or too many errors.
/// </remarks>
internal sealed class StrictYamlScanner
{
    public const int MaxDepth = 16;
    public const int MaxItems = 1000;
    public const int MaxErrors = 50;

    private const string AnchorHint =
        "write each value out in full: anchors and aliases are refused so that a small file cannot expand into a huge one";

    private readonly string _text;
    private readonly IParser _parser;
    private readonly string _file;
    private readonly Diagnostics _diagnostics;
    private readonly List<ParsingEvent> _events = [];
    private NodePositions _positions;
    private int _errors;

    private StrictYamlScanner(string text, string file, Diagnostics diagnostics)
    {
        _text = text;
        _parser = new Parser(new StringReader(text));
        _file = file;
        _diagnostics = diagnostics;
        _positions = new NodePositions(new Origin(file, 1, 1));
    }

    /// <summary>
    /// Checks <paramref name="text"/> against <paramref name="root"/>; every problem found is in
    /// <paramref name="diagnostics"/> as an error, each with file:line:column. Null when there is no
    /// document left to read values from (see the remarks); otherwise the document without the parts
    /// reported, with the count of structural errors.
    /// </summary>
    public static ScannedDocument? Scan(string text, string file, MapShape root, Diagnostics diagnostics)
    {
        var scanner = new StrictYamlScanner(text, file, diagnostics);
        return scanner.Run(root) ? new ScannedDocument(scanner._events, scanner._positions, scanner._errors) : null;
    }

    private bool Run(MapShape root)
    {
        try
        {
            Next(); // stream start
            var e = Next();
            if (e is StreamEnd)
            {
                Error(_positions.Root, "the file is empty", "start it with 'version: 1'");
                return false;
            }
            var node = Next(); // the document start was e
            if (node is not MappingStart)
            {
                if (node is Scalar s && IsNull(s))
                    Error(At(node), "the file holds no settings", "start it with 'version: 1'");
                else
                    Error(At(node), "the file must be a mapping of keys, not " + Describe(node), "write 'key: value' lines, starting with 'version: 1'");
                return false;
            }
            _positions = new NodePositions(At(node));
            Node(node, root, "", "the file", 0);
            Next(); // document end
            e = Next();
            if (e is not StreamEnd)
            {
                Error(At(e), "only one YAML document is allowed in the file", "remove the second '---' and what follows it");
                return false;
            }
            return true;
        }
        catch (YamlException ex)
        {
            if (ex.Message.Contains(" tab", StringComparison.Ordinal) && TabIndentation.Find(_text, (int)ex.Start.Line) is { Count: > 0 } tabs)
            {
                // YamlDotNet places a tab error where the enclosing block starts: name each tab instead.
                foreach (var (line, column) in tabs)
                    Error(new Origin(_file, line, column), "a tab in the indentation", TabIndentation.Hint, force: true);
                return false;
            }
            var hint = ex.Message.Contains("anchor or alias", StringComparison.Ordinal)
                ? "'*' and '&' start YAML aliases and anchors: quote such a value, e.g. \"*\""
                : "check the indentation and quoting around this point";
            Error(new Origin(_file, (int)ex.Start.Line, (int)ex.Start.Column), $"YAML syntax error: {ex.Message}", hint, force: true);
            return false;
        }
        catch (StopScan)
        {
            return false;
        }
        catch (InvalidOperationException)
        {
            // YamlDotNet's scanner throws this, instead of a YamlException, on some broken input
            // (an unclosed flow sequence followed by a key, for one): report it where the parse stopped.
            var end = _events.Count > 0 ? _events[^1].End : default;
            Error(new Origin(_file, (int)Math.Max(end.Line, 1), (int)Math.Max(end.Column, 1)),
                "YAML syntax error after this point", "check for an unclosed '[', '{' or quote", force: true);
            return false;
        }
    }

    private ParsingEvent Next()
    {
        if (!_parser.MoveNext()) throw new StopScan(); // cannot happen: the parser ends with StreamEnd or throws
        var e = _parser.Current!;
        _events.Add(e);
        return e;
    }

    /// <summary>Checks the node <paramref name="e"/>, the last event recorded, and everything below it.</summary>
    private void Node(ParsingEvent e, YamlShape shape, string path, string name, int depth)
    {
        var index = _events.Count - 1;
        if (e is AnchorAlias alias)
        {
            Error(At(e), $"aliases (*{alias.Value}) are not allowed", AnchorHint);
            ReplaceWithEmpty(index, path);
            return;
        }
        if (e is NodeEvent node)
        {
            if (!node.Anchor.IsEmpty) Error(At(e), $"anchors (&{node.Anchor}) are not allowed", AnchorHint);
            if (!node.Tag.IsEmpty) Error(At(e), $"tags ({node.Tag}) are not allowed", "leave the tag out; quote the value if it must stay text");
            if (!node.Anchor.IsEmpty || !node.Tag.IsEmpty) _events[index] = PlainEvents.WithoutAnchorAndTag(node);
        }
        if (path.Length > 0 && shape is not AnyShape) _positions.SetNode(path, At(e));

        var fits = true;
        switch (e)
        {
            case Scalar scalar:
                if (shape is ListShape or MapShape or DictionaryShape && !IsNull(scalar))
                {
                    Error(At(e), $"{name} must be {shape.Expected}, not a single value", HintFor(shape));
                    fits = false;
                }
                break;

            case SequenceStart:
                Deeper(e, depth);
                if (shape is not (ListShape or AnyShape))
                {
                    Error(At(e), $"{name} must be {shape.Expected}, not a list", HintFor(shape));
                    fits = false;
                }
                var itemShape = shape is ListShape list ? list.Item : AnyShape.Instance;
                var itemName = $"an item of {name}";
                var count = 0;
                for (var item = Next(); item is not SequenceEnd; item = Next())
                {
                    var itemIndex = _events.Count - 1;
                    if (++count == MaxItems + 1)
                        Error(At(item), $"{name} has more than {MaxItems} items", "split the work differently; a list holds at most 1000 items");
                    Node(item, itemShape, fits ? NodePositions.Item(path, count - 1) : "", itemName, depth + 1);
                    if (count > MaxItems) _events.RemoveRange(itemIndex, _events.Count - itemIndex); // reported; not worth deserializing
                }
                break;

            case MappingStart:
                Deeper(e, depth);
                if (shape is not (MapShape or DictionaryShape or AnyShape))
                {
                    Error(At(e), $"{name} must be {shape.Expected}, not a mapping", HintFor(shape));
                    fits = false;
                }
                Mapping(fits && shape is MapShape or DictionaryShape ? shape : null, path, depth);
                break;
        }
        if (!fits) ReplaceWithEmpty(index, path);
    }

    /// <summary>
    /// Each key is checked against the mapping's shape, a <see cref="MapShape"/> or a
    /// <see cref="DictionaryShape"/> (null: the mapping itself was reported, or is of no interest,
    /// and is walked only for the limits). An unknown, repeated or non-scalar key is reported and taken out
    /// of the recorded events together with its value.
    /// </summary>
    private void Mapping(YamlShape? shape, string path, int depth)
    {
        var seen = new Dictionary<string, Origin>(StringComparer.Ordinal);
        for (var key = Next(); key is not MappingEnd; key = Next())
        {
            var keyIndex = _events.Count - 1;
            if (key is not Scalar keyScalar)
            {
                Error(At(key), "a key must be a plain word, not " + Describe(key), "write 'key: value'");
                Node(key, AnyShape.Instance, "", "a key", depth + 1);
                Node(Next(), AnyShape.Instance, "", "a value", depth + 1);
                _events.RemoveRange(keyIndex, _events.Count - keyIndex);
                continue;
            }
            if (!keyScalar.Anchor.IsEmpty) Error(At(key), $"anchors (&{keyScalar.Anchor}) are not allowed", AnchorHint);
            if (!keyScalar.Tag.IsEmpty) Error(At(key), $"tags ({keyScalar.Tag}) are not allowed", "leave the tag out");
            if (!keyScalar.Anchor.IsEmpty || !keyScalar.Tag.IsEmpty) _events[keyIndex] = PlainEvents.WithoutAnchorAndTag(keyScalar);

            var name = keyScalar.Value;
            var childPath = NodePositions.Child(path, name);
            var valueShape = (YamlShape)AnyShape.Instance;
            var keep = false;
            if (shape is null)
            {
                // The mapping itself was reported (wrong place); walk it for the limits only.
            }
            else if (seen.TryGetValue(name, out var first))
            {
                Error(At(key), $"'{name}' is given twice", $"the first is at {first}; keep one");
            }
            else if (shape is MapShape map && !map.TryGet(name, out valueShape))
            {
                valueShape = AnyShape.Instance;
                var closest = Spelling.Closest(name, map.Keys);
                Error(At(key), $"unknown key '{name}'",
                    closest is not null ? $"did you mean '{closest}'?" : $"expected one of: {string.Join(", ", map.Keys)}");
                // A misspelt key stands for the one it resembles: that one is not "missing" as well.
                if (closest is not null && !seen.ContainsKey(closest)) _positions.MarkReported(NodePositions.Child(path, closest));
            }
            else
            {
                if (shape is DictionaryShape dictionary) valueShape = dictionary.Value;
                keep = true;
                seen.Add(name, At(key));
                _positions.SetKey(childPath, At(key));
            }
            var value = Next();
            Node(value, valueShape, keep ? childPath : "", $"'{name}'", depth + 1);
            if (!keep) _events.RemoveRange(keyIndex, _events.Count - keyIndex);
        }
    }

    /// <summary>
    /// Puts an empty value in place of the node starting at <paramref name="index"/> and everything
    /// recorded after it: the node was reported, and its key or list position stays, so the items
    /// around it keep their paths.
    /// </summary>
    private void ReplaceWithEmpty(int index, string path)
    {
        var start = _events[index].Start;
        _events.RemoveRange(index, _events.Count - index);
        _events.Add(PlainEvents.Empty(start));
        if (path.Length > 0) _positions.MarkReported(path);
    }

    private void Deeper(ParsingEvent e, int depth)
    {
        if (depth + 1 <= MaxDepth) return;
        Error(At(e), $"the nesting is deeper than {MaxDepth} levels", "a configuration file needs only a few levels", force: true);
        throw new StopScan();
    }

    private static bool IsNull(Scalar s) =>
        s.Style == YamlDotNet.Core.ScalarStyle.Plain && s.Value is "" or "~" or "null" or "Null" or "NULL";

    private static string Describe(ParsingEvent e) => e switch
    {
        SequenceStart => "a list",
        MappingStart => "a mapping",
        AnchorAlias => "an alias",
        _ => "a single value",
    };

    private static string HintFor(YamlShape shape) => shape switch
    {
        ListShape => "write [a, b] or one '- item' per line",
        DictionaryShape => "write 'name: value' lines",
        MapShape map => $"write 'key: value' lines (keys: {string.Join(", ", map.Keys)})",
        _ => "write one value; quote it if it contains ': ' or starts with a special character",
    };

    private Origin At(ParsingEvent e) => new(_file, (int)e.Start.Line, (int)e.Start.Column);

    private void Error(Origin origin, string message, string? hint, bool force = false)
    {
        if (_errors >= MaxErrors && !force) return;
        _errors++;
        _diagnostics.Error(message, origin, hint);
        if (_errors == MaxErrors && !force)
        {
            _diagnostics.Error($"too many errors ({MaxErrors}); stopped reading", new Origin(_file), "fix these first");
            throw new StopScan();
        }
    }

    private sealed class StopScan : Exception;
}
