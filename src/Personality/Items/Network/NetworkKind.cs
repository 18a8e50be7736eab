using Personality.Manifests;
using Personality.Manifests.Yaml;
using Personality.Ownership;
using Personality.Pipeline;

namespace Personality.Items.Network;

/// <summary>
/// <c>network:</c> of the host manifest: the guest's interfaces and resolver, written as its own
/// network configuration (<see cref="NetworkFiles"/>). It has no stage of its own: its files are
/// placed by the files stage like copied files, so ownership (each file is a path claim),
/// reconciliation (a later role without them gets the image's back), dry-run and the record
/// treat them as any file.
/// </summary>
internal sealed class NetworkKind : ItemKind<NetworkSettings>, IGeneratesFiles
{
    public static NetworkKind Instance { get; } = new();

    private NetworkKind() { }

    public override string Key => "network";

    public override YamlShape Shape => NetworkDto.Shape;

    public override IStage? Stage => null;

    public override Role? OnlyIn => Role.Host;

    public override NetworkSettings Read(ManifestDto dto, ManifestValues values) => NetworkReader.Read(dto.Network, values);

    public override IEnumerable<Claim> Claims(NetworkSettings items, Role role) =>
        NetworkFiles.Of(items).Select(f => new Claim(role, ClaimKind.Path, f.Path, f.Origin));

    public IReadOnlyList<GeneratedFile> Files(Manifest manifest) => NetworkFiles.Of(manifest.Network);
}

/// <summary><c>manifest.Network</c>: the manifest's network, checked.</summary>
internal static class ManifestNetwork
{
    extension(Manifest manifest)
    {
        public NetworkSettings Network => manifest.Items(NetworkKind.Instance);
    }
}
