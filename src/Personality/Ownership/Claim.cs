using Personality.Core;
using Personality.Manifests;

namespace Personality.Ownership;

/// <summary>What a claim is on: a guest path (and everything below it), a service, or the hostname.</summary>
public enum ClaimKind { Path, Service, Hostname }

/// <summary>
/// A role's manifest wants to touch something: a path (state, file or mount target), a service (on or
/// off) or the hostname (<see cref="Value"/> is then the hostname). Checked by <see cref="OwnershipPolicy.Check"/>.
/// </summary>
public sealed record Claim(Role Role, ClaimKind Kind, string Value, Origin Origin)
{
    /// <summary>Every claim a manifest makes, in manifest order: state, files, mounts (a mount target is a claim like a file), services on and off, hostname.</summary>
    public static IReadOnlyList<Claim> AllOf(Manifest manifest)
    {
        var claims = new List<Claim>();
        foreach (var s in manifest.State) claims.Add(new Claim(manifest.Role, ClaimKind.Path, s.Path, s.Origin));
        foreach (var f in manifest.Files) claims.Add(new Claim(manifest.Role, ClaimKind.Path, f.Path, f.Origin));
        foreach (var m in manifest.Mounts) claims.Add(new Claim(manifest.Role, ClaimKind.Path, m.Path, m.Origin));
        foreach (var s in manifest.Services.On) claims.Add(new Claim(manifest.Role, ClaimKind.Service, s.Name, s.Origin));
        foreach (var s in manifest.Services.Off) claims.Add(new Claim(manifest.Role, ClaimKind.Service, s.Name, s.Origin));
        if (manifest.Hostname is { } hostname)
            claims.Add(new Claim(manifest.Role, ClaimKind.Hostname, hostname, manifest.HostnameOrigin ?? manifest.Origin));
        return claims;
    }
}
