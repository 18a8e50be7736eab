using Personality.Manifests;
using Personality.Manifests.Yaml;
using Personality.Ownership;
using Personality.Pipeline;

namespace Personality.Items.Mounts;

/// <summary><c>mounts:</c> volumes found by label; a mount target is a path claim like a file's.</summary>
internal sealed class MountsKind : ItemKind<IReadOnlyList<MountEntry>>
{
    public static MountsKind Instance { get; } = new();

    private MountsKind() { }

    public override string Key => "mounts";

    public override YamlShape Shape { get; } = new ListShape(MountDto.Shape);

    public override IStage Stage { get; } = new MountsStage();

    public override IReadOnlyList<MountEntry> Read(ManifestDto dto, ManifestValues values) => MountsReader.Read(dto.Mounts, values);

    public override IEnumerable<Claim> Claims(IReadOnlyList<MountEntry> items, Role role) =>
        items.Select(m => new Claim(role, ClaimKind.Path, m.Path, m.Origin));
}

/// <summary><c>manifest.Mounts</c>: the manifest's mounts, checked, in manifest order.</summary>
internal static class ManifestMounts
{
    extension(Manifest manifest)
    {
        public IReadOnlyList<MountEntry> Mounts => manifest.Items(MountsKind.Instance);
    }
}
