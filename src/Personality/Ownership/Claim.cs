using Personality.Core;
using Personality.Items;
using Personality.Manifests;

namespace Personality.Ownership;

/// <summary>What a claim is on: a guest path (and everything below it), a service, the hostname, or running a hook.</summary>
public enum ClaimKind { Path, Service, Hostname, Hook }

/// <summary>
/// A role's manifest wants to touch something: a path (state, file or mount target), a service (on or
/// off) or the hostname (<see cref="Value"/> is then the hostname). Checked by <see cref="OwnershipPolicy.Check"/>.
/// </summary>
public sealed record Claim(Role Role, ClaimKind Kind, string Value, Origin Origin)
{
    /// <summary>
    /// Every claim a manifest makes, in manifest order: each item kind's (<see cref="ItemKinds.All"/>:
    /// state, files and mount targets as paths, services on and off), then the hostname.
    /// </summary>
    public static IReadOnlyList<Claim> AllOf(Manifest manifest)
    {
        var claims = new List<Claim>();
        foreach (var kind in ItemKinds.All) claims.AddRange(kind.Claims(manifest));
        if (manifest.Hostname is { } hostname)
            claims.Add(new Claim(manifest.Role, ClaimKind.Hostname, hostname, manifest.HostnameOrigin ?? manifest.Origin));
        return claims;
    }
}
