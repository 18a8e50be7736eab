using Personality.Manifests;
using Personality.Manifests.Yaml;
using Personality.Ownership;
using Personality.Pipeline;

namespace Personality.Items.Hooks;

/// <summary><c>hooks:</c> programs on the volume, run last. Each claims the right to run a program at boot, which the ownership policy may deny a role.</summary>
internal sealed class HooksKind : ItemKind<IReadOnlyList<HookEntry>>
{
    public static HooksKind Instance { get; } = new();

    private HooksKind() { }

    public override string Key => "hooks";

    public override YamlShape Shape { get; } = new ListShape(HookDto.Shape);

    public override IStage Stage { get; } = new HooksStage();

    public override IReadOnlyList<HookEntry> Read(ManifestDto dto, ManifestValues values) => HooksReader.Read(dto.Hooks, values);

    public override IEnumerable<Claim> Claims(IReadOnlyList<HookEntry> items, Role role) =>
        items.Select(hook => new Claim(role, ClaimKind.Hook, hook.Run, hook.Origin));
}

/// <summary><c>manifest.Hooks</c>: the manifest's hooks, checked, in manifest order.</summary>
internal static class ManifestHooks
{
    extension(Manifest manifest)
    {
        public IReadOnlyList<HookEntry> Hooks => manifest.Items(HooksKind.Instance);
    }
}
