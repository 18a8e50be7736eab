using Personality.Manifests;
using Personality.Manifests.Yaml;
using Personality.Ownership;
using Personality.Pipeline;

namespace Personality.Items.State;

/// <summary><c>state:</c> paths kept on the config volume; each is a path claim.</summary>
internal sealed class StateKind : ItemKind<IReadOnlyList<StateEntry>>
{
    public static StateKind Instance { get; } = new();

    private StateKind() { }

    public override string Key => "state";

    public override YamlShape Shape { get; } = new ListShape(ScalarShape.Instance);

    public override IStage Stage { get; } = new StateStage();

    public override IReadOnlyList<StateEntry> Read(ManifestDto dto, ManifestValues values) => StateReader.Read(dto.State, values);

    public override IEnumerable<Claim> Claims(IReadOnlyList<StateEntry> items, Role role) =>
        items.Select(s => new Claim(role, ClaimKind.Path, s.Path, s.Origin));
}

/// <summary><c>manifest.State</c>: the manifest's state paths, checked, in manifest order.</summary>
internal static class ManifestState
{
    extension(Manifest manifest)
    {
        public IReadOnlyList<StateEntry> State => manifest.Items(StateKind.Instance);
    }
}
