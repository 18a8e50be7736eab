using Personality.Native;

namespace Personality.Steps;

/// <summary>
/// Turns mount(8)-style options ("ro,nosuid,size=64m") into mount(2) flags plus the
/// filesystem-specific data string, which is what the syscall wants.
/// </summary>
public sealed record MountOptions(ulong Flags, string Data)
{
    private static readonly Dictionary<string, (ulong Set, ulong Clear)> Known = new(StringComparer.Ordinal)
    {
        ["ro"] = (MountCalls.MS_RDONLY, 0), ["rw"] = (0, MountCalls.MS_RDONLY),
        ["nosuid"] = (MountCalls.MS_NOSUID, 0), ["suid"] = (0, MountCalls.MS_NOSUID),
        ["nodev"] = (MountCalls.MS_NODEV, 0), ["dev"] = (0, MountCalls.MS_NODEV),
        ["noexec"] = (MountCalls.MS_NOEXEC, 0), ["exec"] = (0, MountCalls.MS_NOEXEC),
        ["sync"] = (MountCalls.MS_SYNCHRONOUS, 0), ["async"] = (0, MountCalls.MS_SYNCHRONOUS),
        ["dirsync"] = (MountCalls.MS_DIRSYNC, 0),
        ["noatime"] = (MountCalls.MS_NOATIME, 0), ["atime"] = (0, MountCalls.MS_NOATIME),
        ["nodiratime"] = (MountCalls.MS_NODIRATIME, 0), ["diratime"] = (0, MountCalls.MS_NODIRATIME),
        ["relatime"] = (MountCalls.MS_RELATIME, 0), ["norelatime"] = (0, MountCalls.MS_RELATIME),
        ["strictatime"] = (MountCalls.MS_STRICTATIME, 0), ["lazytime"] = (MountCalls.MS_LAZYTIME, 0),
        ["mand"] = (MountCalls.MS_MANDLOCK, 0), ["nomand"] = (0, MountCalls.MS_MANDLOCK),
        ["defaults"] = (0, 0),
    };

    /// <summary>The options that are mount(2) flags ("ro", "nosuid"): valid on every filesystem.</summary>
    public static IEnumerable<string> FlagNames => Known.Keys;

    // Options only mount(8) or other tools look at; the kernel must not see them.
    internal static readonly string[] UserSpaceOnly = ["auto", "noauto", "user", "users", "nouser", "owner", "group", "nofail", "_netdev", "bind", "rbind", "loop"];

    public static MountOptions Parse(string commaSeparated)
    {
        ulong flags = 0;
        var data = new List<string>();
        foreach (var option in commaSeparated.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            if (Known.TryGetValue(option, out var change)) { flags = (flags | change.Set) & ~change.Clear; continue; }
            if (Array.IndexOf(UserSpaceOnly, option) >= 0 || option.StartsWith("x-", StringComparison.Ordinal) ||
                option.StartsWith("comment=", StringComparison.Ordinal)) continue;
            data.Add(option);
        }
        return new MountOptions(flags, string.Join(',', data));
    }

    /// <summary>
    /// Reads RW_OPTIONS, which Red Hat passes to mount(8) as arguments ("-o size=64m").
    /// Returns null and a reason when it holds something other than -o options.
    /// </summary>
    public static MountOptions? ParseArguments(string arguments, out string? problem) =>
        OptionsInArguments(arguments, out problem) is { } options ? Parse(string.Join(',', options)) : null;

    /// <summary>The comma-separated lists of the -o arguments in mount(8) arguments; null and a reason for any other argument.</summary>
    public static IReadOnlyList<string>? OptionsInArguments(string arguments, out string? problem)
    {
        problem = null;
        var words = arguments.Split([' ', '\t'], StringSplitOptions.RemoveEmptyEntries);
        var options = new List<string>();
        for (var i = 0; i < words.Length; i++)
        {
            var w = words[i];
            if (w is "-o" or "--options")
            {
                if (i + 1 >= words.Length) { problem = $"'{w}' has no value"; return null; }
                options.Add(words[++i]);
            }
            else if (w.StartsWith("-o", StringComparison.Ordinal)) options.Add(w[2..]);
            else if (w.StartsWith("--options=", StringComparison.Ordinal)) options.Add(w["--options=".Length..]);
            else if (w == "-n") { } // "do not write /etc/mtab": a syscall never does
            else { problem = $"unsupported mount argument '{w}' (only -o OPTIONS is understood)"; return null; }
        }
        return options;
    }

    /// <summary>Forces flags on (a config volume's mounts are always nosuid,nodev, whatever it asks).</summary>
    public MountOptions With(ulong flags) => this with { Flags = Flags | flags };

    /// <summary>The options as mount(8) would show them: "ro,nosuid,nodev,size=64m".</summary>
    public string Describe()
    {
        var parts = new List<string>();
        if ((Flags & MountCalls.MS_RDONLY) != 0) parts.Add("ro");
        if ((Flags & MountCalls.MS_NOSUID) != 0) parts.Add("nosuid");
        if ((Flags & MountCalls.MS_NODEV) != 0) parts.Add("nodev");
        if ((Flags & MountCalls.MS_NOEXEC) != 0) parts.Add("noexec");
        if (Data.Length > 0) parts.Add(Data);
        return string.Join(',', parts);
    }

    public override string ToString() => Data;
}
