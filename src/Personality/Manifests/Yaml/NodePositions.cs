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

    /// <summary>Where the document's top-level mapping starts.</summary>
    public Origin Root { get; } = root;

    public static string Child(string parent, string key) => parent.Length == 0 ? key : $"{parent}.{key}";

    public static string Item(string parent, int index) => $"{parent}[{index}]";

    internal void SetNode(string path, Origin origin) => _nodes[path] = origin;

    internal void SetKey(string path, Origin origin) => _keys[path] = origin;

    public bool Has(string path) => _nodes.ContainsKey(path) || _keys.ContainsKey(path);

    /// <summary>Where the value at <paramref name="path"/> starts (its key, or the document, when it has no value).</summary>
    public Origin Node(string path) =>
        _nodes.TryGetValue(path, out var node) ? node : _keys.TryGetValue(path, out var key) ? key : Root;

    /// <summary>Where the key of <paramref name="path"/> starts (the value for a list item).</summary>
    public Origin Key(string path) =>
        _keys.TryGetValue(path, out var key) ? key : Node(path);
}
