using Personality.Core;
using Personality.Ownership;

namespace Personality.Plan.Personalities;

/// <summary>
/// The claims of the accepted manifests, for the ownership check, with every path resolved
/// inside the root first: policy is checked on what would really be touched, so an image
/// symlink (/etc/web -> /boot) cannot carry a write onto a forbidden path.
/// </summary>
public static class Claims
{
    public static IReadOnlyList<Claim> Collect(IEnumerable<ConfigVolume> volumes, RootedResolver resolver)
    {
        var claims = new List<Claim>();
        foreach (var v in volumes)
            foreach (var claim in Claim.AllOf(v.Manifest))
                claims.Add(claim.Kind == ClaimKind.Path ? claim with { Value = resolver.ResolveForWrite(claim.Value) } : claim);
        return claims;
    }
}
