using Personality.Manifests;
using Personality.Manifests.Yaml;
using Personality.Ownership;
using Personality.Pipeline;

namespace Personality.Items.Files;

/// <summary><c>files:</c> copied or bound from the config volume; each target is a path claim.</summary>
internal sealed class FilesKind : ItemKind<IReadOnlyList<FileEntry>>
{
    public static FilesKind Instance { get; } = new();

    private FilesKind() { }

    public override string Key => "files";

    public override YamlShape Shape { get; } = new ListShape(FileDto.Shape);

    public override IStage Stage { get; } = new FilesStage();

    public override IReadOnlyList<FileEntry> Read(ManifestDto dto, ManifestValues values) => FilesReader.Read(dto.Files, values);

    public override IEnumerable<Claim> Claims(IReadOnlyList<FileEntry> items, Role role) =>
        items.Select(f => new Claim(role, ClaimKind.Path, f.Path, f.Origin));
}

/// <summary><c>manifest.Files</c>: the manifest's files, checked, in manifest order.</summary>
internal static class ManifestFiles
{
    extension(Manifest manifest)
    {
        public IReadOnlyList<FileEntry> Files => manifest.Items(FilesKind.Instance);
    }
}
