using Personality.Core;

namespace Personality.Services;

/// <summary>
/// Where a guest keeps its services, found inside the target root: init scripts in
/// /etc/rc.d/init.d (else /etc/init.d), links in /etc/rc.d/rcN.d (else /etc/rcN.d), overrides in
/// /etc/chkconfig.d, xinetd services in /etc/xinetd.d. Every path is resolved with
/// <see cref="RootedResolver"/>: a symlink such as /etc/init.d -> rc.d/init.d is followed, an
/// absolute link never leads out of the tree.
/// </summary>
public sealed class ServiceLayout
{
    public const string InitDirectory = "/etc/rc.d/init.d", InitDirectoryAlias = "/etc/init.d";
    public const string OverrideDirectory = "/etc/chkconfig.d", XinetdDirectory = "/etc/xinetd.d";

    /// <summary>What every link points to, relative to its rcN.d directory.</summary>
    public static string LinkTarget(string service) => "../init.d/" + service;

    private readonly RootedResolver _resolver;
    private readonly string?[] _rcDirectories = new string?[RunLevels.Count];
    private readonly string[] _rcShown = new string[RunLevels.Count];

    public ServiceLayout(TargetRoot root)
    {
        Root = root;
        _resolver = new RootedResolver(root);
        InitScripts = ResolveDirectory(InitDirectory) ?? ResolveDirectory(InitDirectoryAlias);
        for (var level = 0; level < RunLevels.Count; level++)
        {
            var primary = $"/etc/rc.d/rc{level}.d";
            var alias = $"/etc/rc{level}.d";
            var resolved = ResolveDirectory(primary);
            _rcShown[level] = primary;
            if (resolved is null && (resolved = ResolveDirectory(alias)) is not null) _rcShown[level] = alias;
            _rcDirectories[level] = resolved;
        }
    }

    public TargetRoot Root { get; }

    /// <summary>Resolved guest path of the init script directory, or null when the guest has none.</summary>
    public string? InitScripts { get; }

    /// <summary>Resolved guest path of rcN.d, or null when it does not exist.</summary>
    public string? RcDirectory(int level) => _rcDirectories[level];

    /// <summary>The rcN.d path to show people: /etc/rc.d/rcN.d, or /etc/rcN.d when only that one exists.</summary>
    public string ShownRcDirectory(int level) => _rcShown[level];

    /// <summary>Resolved guest paths of the rc0.d..rc6.d directories that exist, without duplicates.</summary>
    public IReadOnlyList<string> ExistingRcDirectories() =>
        _rcDirectories.OfType<string>().Distinct(StringComparer.Ordinal).ToList();

    /// <summary>Host path of the init script NAME when it resolves to a regular file inside the root.</summary>
    public string? InitScript(string service) => InitScripts is null ? null : ResolveFile(InitScripts + "/" + service);

    /// <summary>Host path of /etc/chkconfig.d/NAME when it resolves to a regular file.</summary>
    public string? OverrideFile(string service) => ResolveFile(OverrideDirectory + "/" + service);

    /// <summary>Host path of /etc/xinetd.d/NAME when it resolves to a regular file.</summary>
    public string? XinetdFile(string service) => ResolveFile(XinetdDirectory + "/" + service);

    /// <summary>True when the guest path leads to something (a link's target exists).</summary>
    public bool Resolves(string guestPath) => _resolver.Resolve(guestPath, out _) is not null;

    /// <summary>Host path of a directory (resolved inside the root), or null.</summary>
    public string? HostDirectory(string guestDirectory)
    {
        var resolved = ResolveDirectory(guestDirectory);
        return resolved is null ? null : Root.Host(resolved);
    }

    /// <summary>Host path of any guest path, resolved as far as it exists (for files about to be written).</summary>
    public string HostForWrite(string guestPath) => Root.Host(_resolver.ResolveForWrite(guestPath));

    private string? ResolveDirectory(string guestPath)
    {
        var resolved = _resolver.Resolve(guestPath, out _);
        return resolved is not null && Directory.Exists(Root.Host(resolved)) ? resolved : null;
    }

    private string? ResolveFile(string guestPath)
    {
        var resolved = _resolver.Resolve(guestPath, out _);
        if (resolved is null) return null;
        var host = Root.Host(resolved);
        return File.Exists(host) ? host : null;
    }
}
