using Personality.Manifests;
using Personality.Manifests.Yaml;
using Personality.Ownership;
using Personality.Pipeline;
using Personality.Status;

namespace Personality.Items.Services;

/// <summary>
/// <c>services:</c> switched on and off at run levels; each service, on or off, is a service claim.
/// `personality status` checks that they are still switched as boot left them.
/// </summary>
internal sealed class ServicesKind : ItemKind<ServiceSettings>
{
    public static ServicesKind Instance { get; } = new();

    private ServicesKind() { }

    public override string Key => "services";

    public override YamlShape Shape => ServicesDto.Shape;

    public override IStage Stage { get; } = new ServicesStage();

    public override IDriftCheck DriftCheck { get; } = new ServiceDriftCheck();

    public override ServiceSettings Read(ManifestDto dto, ManifestValues values) => ServicesReader.Read(dto.Services, values);

    public override IEnumerable<Claim> Claims(ServiceSettings items, Role role) =>
        items.On.Concat(items.Off).Select(s => new Claim(role, ClaimKind.Service, s.Name, s.Origin));
}

/// <summary><c>manifest.Services</c>: the manifest's services, checked.</summary>
internal static class ManifestServices
{
    extension(Manifest manifest)
    {
        public ServiceSettings Services => manifest.Items(ServicesKind.Instance);
    }
}
