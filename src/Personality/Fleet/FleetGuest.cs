using Personality.Core;

namespace Personality.Fleet;

/// <summary>One guest, after group expansion, with every value resolved (defaults, overrides, the host map merged).</summary>
/// <param name="Name">The guest's name: an RFC 1123 label, unique in the fleet.</param>
/// <param name="DomainName">The libvirt/xl domain name: the fleet's name and the guest's (<c>rack-web01</c>), or the guest's.</param>
/// <param name="Connection">The libvirt URI this guest runs under.</param>
/// <param name="Origin">The guest's entry in the fleet file (a group's entry for each of its guests).</param>
public sealed record FleetGuest(
    string Name,
    string DomainName,
    FleetPersonality Personality,
    Size Memory,
    int Vcpus,
    Size State,
    string Connection,
    HostManifest Host,
    Origin Origin);
