using Personality.Core;

namespace Personality.Manifests;

/// <summary>Which config volume a manifest is for: operations' host volume or engineering's app volume.</summary>
public enum Role { Host, App }

/// <summary>
/// One config volume's <c>personality.yaml</c>, checked and normalised. Every item carries its origin
/// (<c>PERS_APP:personality.yaml:14:5</c>), so each plan step can say where it came from.
/// </summary>
/// <param name="Personality">The app's personality name (app manifests only; required there).</param>
/// <param name="Hostname">The guest's hostname (host manifests only; optional).</param>
/// <param name="HostnameOrigin">Where <c>hostname:</c> is written.</param>
/// <param name="Origin">Where the manifest's top-level mapping starts.</param>
public sealed record Manifest(Role Role, string? Personality, string? Hostname, Origin? HostnameOrigin,
    IReadOnlyList<StateEntry> State, IReadOnlyList<FileEntry> Files, IReadOnlyList<MountEntry> Mounts,
    ServiceSettings Services, IReadOnlyList<HookEntry> Hooks, Origin Origin)
{
    /// <summary>Where <c>role:</c> is written: a role that does not fit its volume is reported there.</summary>
    public Origin? RoleOrigin { get; init; }
}

/// <summary>A path kept on the volume (under <c>state/</c>), copied there on first use and bind-mounted.</summary>
/// <param name="Path">Normalised absolute guest path.</param>
public sealed record StateEntry(string Path, Origin Origin);

public enum FileHow { Copy, Bind }

/// <summary>A file put at <paramref name="Path"/> from <paramref name="Source"/> on the volume.</summary>
/// <param name="Path">Normalised absolute guest path.</param>
/// <param name="Source">Normalised path relative to the volume root ("files/app.conf"); never absolute, never "..".</param>
/// <param name="Mode">Permission bits (e.g. 0o640), or null to keep the source's.</param>
/// <param name="Owner"><c>user</c> or <c>user:group</c>, names or numbers, or null to keep root's.</param>
public sealed record FileEntry(string Path, string Source, int? Mode, string? Owner, FileHow How, Origin Origin);

/// <summary>A volume (found by label) mounted at <paramref name="Path"/>.</summary>
/// <param name="Path">Normalised absolute guest path.</param>
/// <param name="Options">Mount options as written (<c>ro</c>, <c>nodev</c>, ...).</param>
public sealed record MountEntry(string Label, string Path, IReadOnlyList<string> Options, Origin Origin);

/// <summary>Services to enable and disable, and the run levels that applies to (chkconfig's <c>--level</c>).</summary>
/// <param name="Levels">Digits 0-6, as written; "2345" when not given.</param>
public sealed record ServiceSettings(IReadOnlyList<ServiceEntry> On, IReadOnlyList<ServiceEntry> Off, string Levels)
{
    public const string DefaultLevels = "2345";

    public static ServiceSettings None { get; } = new([], [], DefaultLevels);
}

public sealed record ServiceEntry(string Name, Origin Origin);

/// <summary>A program on the volume run once the rest is applied.</summary>
/// <param name="Run">Normalised path relative to the volume root ("hooks/10-warm-cache.sh").</param>
public sealed record HookEntry(string Run, TimeSpan Timeout, Origin Origin)
{
    public static readonly TimeSpan DefaultTimeout = TimeSpan.FromSeconds(30);
    public static readonly TimeSpan MaxTimeout = TimeSpan.FromMinutes(10);
}
