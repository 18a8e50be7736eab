using Personality.Core;

namespace Personality.Settings;

/// <summary>
/// Every setting the product knows, with its default. The readonly-root keys and defaults are
/// Red Hat's (see notes/readonly-root-and-chkconfig.md); the others are ours.
/// </summary>
public static class SettingsCatalog
{
    public const string ReadonlyRootFile = "/etc/sysconfig/readonly-root";
    public const string PersonalityFile = "/etc/sysconfig/personality";

    public static readonly IReadOnlyList<(string Key, string Default, string Meaning)> Known =
    [
        // Red Hat readonly-root
        ("READONLY", "no", "enables the read-only root mechanism"),
        ("TEMPORARY_STATE", "no", "enables it too, without a read-only root"),
        ("RW_MOUNT", "/var/lib/stateless/writable", "where the scratch area is mounted"),
        ("RW_LABEL", "stateless-rw", "label of a scratch device (wiped at boot); else tmpfs"),
        ("RW_OPTIONS", "", "mount arguments for the tmpfs fallback, e.g. \"-o size=64m\""),
        ("STATE_LABEL", "stateless-state", "label of the persistent state device"),
        ("STATE_MOUNT", "/var/lib/stateless/state", "where the state area is mounted"),
        ("STATE_OPTIONS", "", "mount options, used only when the state area comes from /etc/fstab"),
        ("SLAVE_MOUNTS", "yes", "make every bind mount a slave mount"),
        ("CLIENTSTATE", "", "NFS state server (not supported; reported when set)"),
        // Personality
        ("ENABLED", "yes", "run at all (kernel command line personality=off sets no)"),
        ("DEBUG", "no", "debug log lines (kernel command line personality.debug)"),
        ("DEVICE_TIMEOUT", "5", "seconds to wait for a required label before giving up"),
        ("REQUIRED_LABELS", "", "labels worth waiting for, space separated"),
        ("VOLUME_UUIDS", "", "pins, LABEL=UUID space separated: the device to use when a label is duplicated"),
        ("STATE_FILES_LIST", "no", "honour the state volume's own 'files' list (off: it lets a volume pick bind targets)"),
        ("HOST_LABEL", "PERS_HOST", "label of the host configuration volume (operations)"),
        ("APP_LABEL", "PERS_APP", "label of the application configuration volume (engineering)"),
        ("HOST_MOUNT", "/var/lib/personality/host", "where the host volume is mounted (must exist in the image)"),
        ("APP_MOUNT", "/var/lib/personality/app", "where the application volume is mounted (must exist in the image)"),
        ("SERVICES_BACKEND", "auto", "auto (the guest's /sbin/chkconfig when present, else native), native or chkconfig"),
        ("CHKCONFIG_COMPAT", "auto", "which chkconfig the native engine and dry-run behave as: auto (from /etc/redhat-release), el5, el6 or current"),
        ("ON_FAILURE", "continue", "continue: a failed run goes on with the boot; halt: boot exits 14 when the run failed, and the caller stops the boot"),
    ];

    private static readonly Dictionary<string, string> Defaults =
        Known.ToDictionary(k => k.Key, k => k.Default, StringComparer.Ordinal);

    public static bool IsKnown(string key) => Defaults.ContainsKey(key);

    public static string DefaultOf(string key) => Defaults[key];

    /// <summary>The known key closest to a misspelt one, or null when nothing is close.</summary>
    public static string? Suggest(string key) => Spelling.Closest(key.ToUpperInvariant(), Defaults.Keys);
}
