using Personality.Manifests;
using Personality.Ownership;

namespace Personality.Plan.Personalities;

/// <summary>What each manifest item claims (a path, a service, the hostname), for the ownership check.</summary>
public static class Claims
{
    public static Claim OfState(ConfigVolume v, StateEntry e) => new(v.Manifest.Role, ClaimKind.Path, e.Path, e.Origin);
    public static Claim OfFile(ConfigVolume v, FileEntry e) => new(v.Manifest.Role, ClaimKind.Path, e.Path, e.Origin);
    public static Claim OfMount(ConfigVolume v, MountEntry e) => new(v.Manifest.Role, ClaimKind.Path, e.Path, e.Origin);
    public static Claim OfService(ConfigVolume v, ServiceEntry e) => new(v.Manifest.Role, ClaimKind.Service, e.Name, e.Origin);

    public static IReadOnlyList<Claim> Collect(IEnumerable<ConfigVolume> volumes)
    {
        var claims = new List<Claim>();
        foreach (var v in volumes)
        {
            var m = v.Manifest;
            if (m.Hostname is not null) claims.Add(new Claim(m.Role, ClaimKind.Hostname, m.Hostname, m.HostnameOrigin ?? m.Origin));
            claims.AddRange(m.Mounts.Select(e => OfMount(v, e)));
            claims.AddRange(m.State.Select(e => OfState(v, e)));
            claims.AddRange(m.Files.Select(e => OfFile(v, e)));
            claims.AddRange(m.Services.On.Concat(m.Services.Off).Select(e => OfService(v, e)));
        }
        return claims;
    }
}
