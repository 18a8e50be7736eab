using Personality.Core;
using Personality.Manifests.Yaml;

namespace Personality.Manifests;

/// <summary>
/// What every reader of one manifest shares: where each node starts, the error count (one error
/// anywhere and the manifest is not used), and the target paths already taken, so that a path is
/// used once in a manifest across all item kinds. The checks here word their errors the same for
/// every kind.
/// </summary>
internal sealed class ManifestValues(NodePositions at, Diagnostics diagnostics)
{
    private readonly Dictionary<string, (Origin Origin, string What)> _targets = new(StringComparer.Ordinal);

    /// <summary>Where each node of the document starts, by path (<c>files[2].mode</c>).</summary>
    public NodePositions At => at;

    public int Errors { get; private set; }

    /// <summary>
    /// True when the value at <paramref name="path"/> is empty because the scanner already reported it
    /// (a list where one value belongs): the empty value must not be reported a second time.
    /// </summary>
    public bool Reported(string path) => at.WasReported(path);

    /// <summary>A list item that must be a mapping: null (with an error) when it is empty.</summary>
    public T? Item<T>(T? dto, string item, string list) where T : class
    {
        if (dto is null && !Reported(item)) Error(at.Node(item), $"an empty item in '{list}'", "remove the lone '-', or fill it in");
        return dto;
    }

    /// <summary>A value that may be left out, but not written with nothing after the colon.</summary>
    public string? Optional(string? value, string path)
    {
        if (value is null && at.Has(path) && !Reported(path))
            Error(at.Key(path), $"'{Last(path)}' has no value", "give it a value, or remove the line");
        return value;
    }

    /// <summary>A value an item needs: null (with an error at the key, or at the item when the key is missing) without it.</summary>
    public string? Required(string? value, string item, string key, string what, string hint)
    {
        var path = NodePositions.Child(item, key);
        if (value is not null || Reported(path)) return value;
        if (at.Has(path)) Error(at.Key(path), $"'{key}' has no value", hint);
        else Error(at.Node(item), $"{what} needs '{key}'", hint);
        return null;
    }

    /// <summary>A target guest path, normalised, and used once in this manifest.</summary>
    public string? Target(string? text, string path, string what)
    {
        var origin = at.Node(path);
        if (text is null)
        {
            if (!Reported(path)) Error(origin, $"an empty {what}", "write an absolute path, e.g. /var/lib/web");
            return null;
        }
        if (!GuestPath.TryNormalise(text, out var normalised, out var problem))
        {
            Error(origin, $"bad {what}: {problem}", null);
            return null;
        }
        if (_targets.TryGetValue(normalised, out var first))
        {
            Error(origin, $"{normalised} is already used by the {first.What} at {first.Origin}", "give each target path once");
            return null;
        }
        _targets.Add(normalised, (origin, what));
        return normalised;
    }

    /// <summary>A doubt that does not stop the manifest from being used (validate still fails on it).</summary>
    public void Warn(Origin origin, string message, string? hint) => diagnostics.Warn(message, origin, hint);

    public void Error(Origin origin, string message, string? hint)
    {
        Errors++;
        diagnostics.Error(message, origin, hint);
    }

    private static string Last(string path) => path[(path.LastIndexOf('.') + 1)..];
}
