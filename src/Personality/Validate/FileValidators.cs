namespace Personality.Validate;

/// <summary>
/// The kinds `personality validate` knows, in detection order. The YAML kinds (manifest:
/// personality.yaml, ownership: ownership.yaml) are listed in <see cref="AllKinds"/> for --type and
/// registered here once their readers are part of the build.
/// </summary>
public static class FileValidators
{
    public static readonly IReadOnlyList<string> AllKinds = ["rwtab", "statetab", "sysconfig", "manifest", "ownership"];

    public static IReadOnlyList<IFileValidator> Registered { get; } =
    [
        new RwtabValidator(),
        new StatetabValidator(),
        new SysconfigValidator(),
    ];

    public static IFileValidator? ForKind(string kind, IEnumerable<IFileValidator>? validators = null) =>
        (validators ?? Registered).FirstOrDefault(v => v.Kind == kind);

    public static IFileValidator? Detect(string path, IEnumerable<IFileValidator>? validators = null) =>
        (validators ?? Registered).FirstOrDefault(v => v.Recognises(path));

    /// <summary>The kind a name would have if its validator were registered (personality.yaml -> manifest).</summary>
    public static string? UnavailableKind(string path) => FileNames.Name(path) switch
    {
        "personality.yaml" or "personality.yml" => "manifest",
        "ownership.yaml" or "ownership.yml" => "ownership",
        _ => null,
    };
}
