namespace Personality.Validate;

/// <summary>The kinds `personality validate` knows, in detection order: one validator per kind.</summary>
public static class FileValidators
{
    public static readonly IReadOnlyList<string> AllKinds = ["rwtab", "statetab", "sysconfig", "fstab", "manifest", "ownership"];

    public static IReadOnlyList<IFileValidator> Registered { get; } =
    [
        new RwtabValidator(),
        new StatetabValidator(),
        new SysconfigValidator(),
        new FstabValidator(),
        new ManifestValidator(),
        new OwnershipValidator(),
    ];

    public static IFileValidator? ForKind(string kind, IEnumerable<IFileValidator>? validators = null) =>
        (validators ?? Registered).FirstOrDefault(v => v.Kind == kind);

    public static IFileValidator? Detect(string path, IEnumerable<IFileValidator>? validators = null) =>
        (validators ?? Registered).FirstOrDefault(v => v.Recognises(path));
}
