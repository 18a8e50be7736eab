using Personality.Core;

namespace Personality.Manifests.Yaml;

/// <summary>
/// Where each node of a scanned document starts, by path: <c>version</c>, <c>files[2]</c>,
/// <c>files[2].mode</c>, <c>services.on[0]</c>. The static deserializer gives objects without
/// positions; the scanner records them here so every model item can carry its origin.
/// </summary>
internal sealed class NodePositions(Origin root)
{
    private readonly Dictionary<string, Origin> _nodes = new(StringComparer.Ordinal);
    private readonly Dictionary<string, Origin> _keys = new(StringComparer.Ordinal);
    private readonly HashSet<string> _reported = new(StringComparer.Ordinal);

    /// <summary>Where the document's top-level mapping starts.</summary>
    public Origin Root { get; } = root;

    public static string Child(string parent, string key) => parent.Length == 0 ? key : $"{parent}.{key}";

    public static string Item(string parent, int index) => $"{parent}[{index}]";

    internal void SetNode(string path, Origin origin) => _nodes[path] = origin;

    internal void SetKey(string path, Origin origin) => _keys[path] = origin;

    internal void MarkReported(string path) => _reported.Add(path);

    public bool Has(string path) => _nodes.ContainsKey(path) || _keys.ContainsKey(path);

    /// <summary>
    /// True when the scanner already reported a problem with the value at <paramref name="path"/>: it
    /// had the wrong shape (a list where one value belongs, an alias) and the deserializer got an
    /// empty value in its place, or its key was misspelt (<c>pth:</c>, did you mean 'path'?). A reader
    /// must not report the empty or missing value again ("has no value", "needs 'path'").
    /// </summary>
    public bool WasReported(string path) => _reported.Contains(path);

    /// <summary>Where the value at <paramref name="path"/> starts (its key, or the document, when it has no value).</summary>
    public Origin Node(string path) =>
        _nodes.TryGetValue(path, out var node) ? node : _keys.TryGetValue(path, out var key) ? key : Root;

    /// <summary>Where the key of <paramref name="path"/> starts (the value for a list item).</summary>
    public Origin Key(string path) =>
        _keys.TryGetValue(path, out var key) ? key : Node(path);
}
