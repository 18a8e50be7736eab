using Personality.Native;

namespace Personality.Fleet.Libvirt;

/// <summary>What one virsh call said.</summary>
public sealed record VirshResult(bool Ok, string Output, string Command)
{
    /// <summary>The failure as one line: virsh's own "error: ..." lines, or how it ended.</summary>
    public string Error => string.Join(' ', Output.Split('\n').Select(l => l.Trim()).Where(l => l.Length > 0)) is { Length: > 0 } text ? text : "no output";
}

/// <summary>
/// libvirt has no .NET binding: every call is <c>virsh -c URI ...</c>, through the project's bounded
/// process primitive (a deadline, the output's tail kept, the process group killed at the end). The
/// caller's HOME and XDG_RUNTIME_DIR pass through, since qemu:///session is found by them.
/// </summary>
public sealed class Virsh(string program)
{
    public static readonly TimeSpan Timeout = TimeSpan.FromSeconds(90);
    private static readonly string[] Places = ["/usr/bin", "/bin", "/usr/sbin", "/sbin"];
    private static readonly string[] PassedOn = ["HOME", "XDG_RUNTIME_DIR", "XDG_CONFIG_HOME", "XDG_CACHE_HOME"];

    /// <summary>virsh from the usual places, or null when libvirt-clients is not installed.</summary>
    public static Virsh? Find() =>
        Places.Select(p => Path.Combine(p, "virsh")).FirstOrDefault(File.Exists) is { } path ? new Virsh(path) : null;

    public VirshResult Run(string connection, params string[] arguments)
    {
        var environment = new Dictionary<string, string>();
        foreach (var name in PassedOn)
            if (Environment.GetEnvironmentVariable(name) is { Length: > 0 } value) environment[name] = value;
        var command = $"virsh -c {connection} {string.Join(' ', arguments)}";
        var result = GuestProcess.Run(new GuestProcessRequest("/", program, ["-q", "-c", connection, .. arguments], environment, Timeout, 16 * 1024));
        if (result.StartError is { } start) return new VirshResult(false, start, command);
        if (result.TimedOut) return new VirshResult(false, $"no answer in {Timeout.TotalSeconds:F0} s", command);
        return new VirshResult(result.ExitCode == 0, result.Output, command);
    }
}
