using Personality.Core;
using Personality.Files;
using Personality.Manifests.Yaml;

namespace Personality.Manifests;

/// <summary>
/// Reads a config volume's <c>personality.yaml</c> (version 1) strictly: unknown keys, wrong types and
/// bad values are errors naming volume, file, line and column (<c>PERS_APP:personality.yaml:22:5</c>),
/// and every error found is reported, not only the first. See docs/manifest.md.
/// </summary>
/// <remarks>
/// Limits (the volume is input from outside the image): at most <see cref="MaxBytes"/> (checked with
/// fstat before reading), nesting depth 16, 1000 items per list, no anchors, aliases or tags.
/// Parsing is YamlDotNet's parser, checked and positioned by <see cref="StrictYamlScanner"/>, then its
/// static (generated, reflection-free) deserializer, then <see cref="ManifestBuilder"/> and each item
/// kind's reader (<see cref="Items.ItemKinds"/>).
/// </remarks>
public static class ManifestReader
{
    public const string FileName = "personality.yaml";
    public const long MaxBytes = 64 * 1024;

    /// <summary>
    /// Reads <paramref name="hostFile"/>. <paramref name="volumeName"/> is what origins start with
    /// ("PERS_APP"). Null when the manifest has errors (all of them added to <paramref name="diagnostics"/>),
    /// including when the file is missing, a symbolic link, not a regular file or too big.
    /// </summary>
    public static Manifest? Read(string volumeName, string hostFile, Diagnostics diagnostics)
    {
        var file = Shown(volumeName, Path.GetFileName(hostFile));
        var text = BoundedFile.Read(hostFile, MaxBytes, new Origin(file), followSymlinks: false, diagnostics, out var missing);
        if (missing)
        {
            diagnostics.Error("the manifest is missing", new Origin(file), $"the volume must hold {FileName} at its root");
            return null;
        }
        return text is null ? null : ParseShown(file, text, diagnostics);
    }

    /// <summary>The same as <see cref="Read"/>, from text (tests); origins say <c>VOLUME:personality.yaml</c>.</summary>
    public static Manifest? Parse(string volumeName, string text, Diagnostics diagnostics) =>
        ParseShown(Shown(volumeName, FileName), text, diagnostics);

    /// <summary>
    /// The same, from text, with origins naming <paramref name="shownAs"/> (validate: the path it was
    /// given), in messages and hints alike.
    /// </summary>
    public static Manifest? ParseShown(string shownAs, string text, Diagnostics diagnostics)
    {
        if (!BoundedFile.WithinLimit(text, MaxBytes, new Origin(shownAs), diagnostics)) return null;
        if (StaticYaml.Read<ManifestDto>(text, shownAs, ManifestSchema.Root, diagnostics) is not var (dto, positions, structuralErrors)) return null;
        // Values are checked even after structural errors, so one run reports both; such a manifest is never used.
        var manifest = new ManifestBuilder(new ManifestValues(positions, diagnostics)).Build(dto);
        return structuralErrors > 0 ? null : manifest;
    }

    private static string Shown(string volumeName, string fileName) =>
        string.IsNullOrEmpty(volumeName) ? fileName : $"{volumeName}:{fileName}";
}
