namespace Personality.Manifests.Yaml;

/// <summary>
/// What a YAML node must look like: the schema that <see cref="StrictYamlScanner"/> checks before the
/// static deserializer sees the document. It mirrors the DTO classes (a test deserializes a document
/// using every key, so the two cannot drift apart unnoticed).
/// </summary>
internal abstract class YamlShape
{
    /// <summary>"a list", "a mapping", "a single value": used in "'state' must be a list".</summary>
    public abstract string Expected { get; }
}

/// <summary>A single value (a scalar). Its content is checked later, against the model.</summary>
internal sealed class ScalarShape : YamlShape
{
    public static readonly ScalarShape Instance = new();
    public override string Expected => "a single value";
}

/// <summary>A list whose items all have one shape. A null value (<c>key:</c> with nothing) is an empty list.</summary>
internal sealed class ListShape(YamlShape item) : YamlShape
{
    public YamlShape Item { get; } = item;
    public override string Expected => "a list";
}

/// <summary>A mapping with a fixed set of keys. A null value is an empty mapping.</summary>
internal sealed class MapShape : YamlShape
{
    private readonly Dictionary<string, YamlShape> _fields;

    public MapShape(params (string Key, YamlShape Shape)[] fields)
    {
        _fields = new Dictionary<string, YamlShape>(StringComparer.Ordinal);
        foreach (var (key, shape) in fields) _fields.Add(key, shape);
        Keys = fields.Select(f => f.Key).ToArray();
    }

    /// <summary>The valid keys, in documentation order (for "did you mean" and "expected one of").</summary>
    public IReadOnlyList<string> Keys { get; }

    public bool TryGet(string key, out YamlShape shape) => _fields.TryGetValue(key, out shape!);

    public override string Expected => "a mapping";
}

/// <summary>
/// A mapping whose keys are names chosen by the writer (a fleet's <c>personalities: {web: DIR}</c>),
/// each value of one shape. Keys are still checked: plain, given once.
/// </summary>
internal sealed class DictionaryShape(YamlShape value) : YamlShape
{
    public YamlShape Value { get; } = value;
    public override string Expected => "a mapping";
}

/// <summary>Anything: used to walk past a node already reported, still checking depth, anchors and sizes.</summary>
internal sealed class AnyShape : YamlShape
{
    public static readonly AnyShape Instance = new();
    public override string Expected => "anything";
}
