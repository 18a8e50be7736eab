using Personality.Core;
using Personality.Manifests;

namespace Personality.Ownership;

/// <summary>
/// Which paths and services each role's config volume may touch, and what nobody may touch. Comes
/// from the OS image (<c>/etc/personality/ownership.yaml</c>, see docs/manifest.md) or is
/// <see cref="Default"/>. <see cref="Check"/> judges the claims of the manifests before anything is applied.
/// </summary>
public sealed partial class OwnershipPolicy
{
    public const string BuiltInName = "built-in ownership policy";

    /// <summary>What an entry of the policy says, and where it says it.</summary>
    internal sealed record Entry(string Value, Origin Origin);

    /// <summary>One role's share. <see cref="Rest"/>/<see cref="AllServices"/>: where it owns "*", if it does.</summary>
    internal sealed record RoleRules(Role Role, IReadOnlyList<Entry> Paths, Origin? Rest,
        IReadOnlyList<Entry> Services, Origin? AllServices, Origin? Hostname)
    {
        /// <summary>Where the policy says this role may not run hooks; null: it may (the default).</summary>
        public Origin? NoHooks { get; init; }

        public static RoleRules Nothing(Role role) => new(role, [], null, [], null, null);
    }

    private readonly RoleRules[] _roles; // indexed by Role
    private readonly IReadOnlyList<Entry> _forbidden;

    internal OwnershipPolicy(Origin origin, RoleRules host, RoleRules app, IReadOnlyList<Entry> forbidden)
    {
        Origin = origin;
        _roles = [host, app];
        _forbidden = forbidden;
    }

    /// <summary>
    /// The same policy with more forbidden paths, known only at run time (where this boot keeps its
    /// own records: they depend on STATE_MOUNT), so that no config volume can write them.
    /// </summary>
    public OwnershipPolicy Forbidding(IEnumerable<string> paths, Origin why) =>
        new(Origin, _roles[0], _roles[1], [.. _forbidden, .. paths.Where(p => ForbiddenAt(p) is null).Select(p => new Entry(p, why))]);

    /// <summary>Where the policy comes from: <c>/etc/personality/ownership.yaml:LINE</c> or "built-in ownership policy".</summary>
    public Origin Origin { get; }

    /// <summary>The forbidden path prefixes in force (the built-in ones, then the file's).</summary>
    public IEnumerable<string> Forbidden => _forbidden.Select(f => f.Value);

    internal RoleRules Rules(Role role) => _roles[(int)role];

    /// <summary>
    /// Paths no config volume may touch, in every policy (a file can only add to them): accounts and
    /// privileges, the OS image's own trees, kernel filesystems, and personality's own files. "/" means
    /// "/" itself; every other entry covers what is below it too.
    /// </summary>
    internal static readonly string[] BuiltInForbidden =
    [
        "/",
        "/etc/passwd", "/etc/shadow", "/etc/group", "/etc/gshadow", "/etc/sudoers", "/etc/sudoers.d",
        "/boot", "/bin", "/sbin", "/lib", "/lib32", "/lib64", "/libx32", "/usr",
        "/proc", "/sys", "/dev",
        "/etc/personality", "/etc/sysconfig/personality", "/etc/sysconfig/readonly-root",
        "/etc/rwtab", "/etc/rwtab.d", "/etc/statetab", "/etc/statetab.d",
        "/var/run/personality", "/run/personality", "/sbin/personality", "/var/log/personality.log",
    ];

    /// <summary>The host role's paths in the built-in policy: network, hostname, hosts, resolv.conf, ssh.</summary>
    internal static readonly string[] DefaultHostPaths =
    [
        "/etc/sysconfig/network", "/etc/sysconfig/network-scripts", "/etc/network", "/etc/NetworkManager",
        "/etc/systemd/network", "/etc/netplan", "/etc/hostname", "/etc/hosts", "/etc/resolv.conf",
        "/etc/ssh", "/root/.ssh",
    ];

    /// <summary>The host role's services in the built-in policy.</summary>
    internal static readonly string[] DefaultHostServices =
        ["network", "NetworkManager", "systemd-networkd", "systemd-resolved", "sshd", "ssh"];

    /// <summary>
    /// The built-in policy, used when the image has no ownership.yaml: the host role owns network,
    /// hostname, hosts, resolv.conf and ssh (paths and services) and sets the hostname; the app role
    /// owns every other path and service; nobody touches <see cref="BuiltInForbidden"/>.
    /// </summary>
    public static OwnershipPolicy Default { get; } = CreateDefault();

    private static OwnershipPolicy CreateDefault()
    {
        var origin = Origin.Of(BuiltInName);
        var host = new RoleRules(Role.Host,
            DefaultHostPaths.Select(p => new Entry(p, origin)).ToArray(), null,
            DefaultHostServices.Select(s => new Entry(s, origin)).ToArray(), null, origin);
        var app = new RoleRules(Role.App, [], origin, [], origin, null);
        return new OwnershipPolicy(origin, host, app, BuiltInForbidden.Select(p => new Entry(p, origin)).ToArray());
    }

    /// <summary>
    /// The built-in policy written as an ownership.yaml (documentation, and a starting point for an
    /// image's own file; the built-in forbidden paths apply whatever a file says, so it need not repeat them).
    /// </summary>
    public static string DefaultText { get; } = $"""
        version: 1
        roles:
          host:
            paths: [{string.Join(", ", DefaultHostPaths)}]
            services: [{string.Join(", ", DefaultHostServices)}]
            hostname: true
            hooks: true
          app:
            paths: ["*"]
            services: ["*"]
            hostname: false
            hooks: true
        forbidden: []
        """;

    // ---- ownership ----

    /// <summary>Who owns <paramref name="path"/>: the role with the longest owned prefix, else the role owning "*".</summary>
    internal (Role? Role, Origin Origin) OwnerOfPath(string path)
    {
        Entry? best = null;
        Role? bestRole = null;
        foreach (var rules in _roles)
            foreach (var entry in rules.Paths)
                if (GuestPath.IsAtOrBelow(path, entry.Value) && (best is null || entry.Value.Length > best.Value.Length))
                    (best, bestRole) = (entry, rules.Role);
        if (best is not null) return (bestRole, best.Origin);
        foreach (var rules in _roles)
            if (rules.Rest is { } rest) return (rules.Role, rest);
        return (null, Origin);
    }

    /// <summary>A path owned by another role than <paramref name="role"/> strictly below <paramref name="path"/>.</summary>
    internal (Role Role, Entry Entry)? OtherOwnerBelow(string path, Role role)
    {
        foreach (var rules in _roles)
            if (rules.Role != role)
                foreach (var entry in rules.Paths)
                    if (GuestPath.IsBelow(entry.Value, path)) return (rules.Role, entry);
        return null;
    }

    internal (Role? Role, Origin Origin) OwnerOfService(string name)
    {
        foreach (var rules in _roles)
            foreach (var entry in rules.Services)
                if (entry.Value == name) return (rules.Role, entry.Origin);
        foreach (var rules in _roles)
            if (rules.AllServices is { } all) return (rules.Role, all);
        return (null, Origin);
    }

    /// <summary>Where the policy forbids <paramref name="role"/> to run hooks, or null when it may.</summary>
    internal Origin? HooksForbidden(Role role) => Rules(role).NoHooks;

    internal (Role? Role, Origin Origin) OwnerOfHostname()
    {
        foreach (var rules in _roles)
            if (rules.Hostname is { } origin) return (rules.Role, origin);
        return (null, Origin);
    }

    /// <summary>The forbidden entry at or above <paramref name="path"/> ("/" only matches "/" itself).</summary>
    internal Entry? ForbiddenAt(string path) =>
        _forbidden.FirstOrDefault(f => f.Value == "/" ? path == "/" : GuestPath.IsAtOrBelow(path, f.Value));

    /// <summary>A forbidden entry strictly below <paramref name="path"/>: binding over the path would hide it.</summary>
    internal Entry? ForbiddenBelow(string path) =>
        _forbidden.FirstOrDefault(f => f.Value != "/" && GuestPath.IsBelow(f.Value, path));

    internal static string Name(Role role) => role == Role.Host ? "host" : "app";
}
