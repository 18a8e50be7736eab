using Personality.Core;

namespace Personality.Items.Network;

/// <summary>One network interface of the host manifest: a static address (with an optional gateway), or DHCP.</summary>
/// <param name="Device">The kernel's name for it ("eth0").</param>
/// <param name="Address">The static address; null for DHCP.</param>
/// <param name="Gateway">The default route through this interface, when it has one.</param>
public sealed record InterfaceEntry(string Device, Ipv4Prefix? Address, Ipv4? Gateway, Origin Origin) : IManifestItem
{
    public bool Dhcp => Address is null;
}

/// <summary>The host manifest's <c>network:</c>, checked.</summary>
/// <param name="ResolverOrigin">Where <c>dns:</c> (else <c>search:</c>) is written: the origin of resolv.conf; null without either.</param>
public sealed record NetworkSettings(IReadOnlyList<InterfaceEntry> Interfaces, IReadOnlyList<Ipv4> Dns, IReadOnlyList<string> Search, Origin? ResolverOrigin)
{
    public static NetworkSettings None { get; } = new([], [], [], null);
}
