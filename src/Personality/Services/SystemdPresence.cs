using Personality.Core;

namespace Personality.Services;

/// <summary>
/// The systemd facts chkconfig looks at, read inside the target root: whether /sbin/init is
/// systemd, whether systemd is running (/run/systemd/system), and whether a native unit
/// NAME.service shadows an init script.
/// </summary>
public sealed class SystemdPresence(TargetRoot root)
{
    private readonly RootedResolver _resolver = new(root);

    public bool IsInit => _resolver.Resolve("/sbin/init", out _) is { } init && Path.GetFileName(init) == "systemd";

    public bool IsActive => Directory.Exists(root.Host(_resolver.ResolveForWrite("/run/systemd/system"))) && IsInit;

    public bool HasUnitDirectory => _resolver.Resolve("/lib/systemd/system", out _) is not null;

    public bool HasNativeUnit(string service) =>
        _resolver.Resolve($"/lib/systemd/system/{service}.service", out _) is not null ||
        _resolver.Resolve($"/etc/systemd/system/{service}.service", out _) is not null;
}
