using System.Diagnostics;
using Personality.Core;

namespace Personality.Services;

/// <summary>
/// The guest's own /sbin/chkconfig, run inside the target root (<c>chroot ROOT /sbin/chkconfig</c>,
/// or directly when the root is "/"). The present state is read from the tree first, so
/// chkconfig runs only for the levels that differ, and not at all when nothing does; the lines
/// returned come from comparing the link farm (and the xinetd file) before and after.
/// </summary>
public sealed class GuestChkconfigBackend(TargetRoot root) : IServiceBackend
{
    public const string GuestPath = "/sbin/chkconfig";

    /// <summary>Bound on one chkconfig run: a boot never waits longer.</summary>
    public static readonly TimeSpan Timeout = TimeSpan.FromSeconds(60);

    private readonly ServiceQuery _query = new(root);

    public string Name => "chkconfig";

    public bool Exists(string service) => _query.Exists(service);

    public bool IsOn(string service, int level) => _query.IsOn(service, level);

    public IReadOnlyList<string> Set(string service, bool on, string levels)
    {
        var differing = _query.LevelsToChange(service, on, levels);
        if (differing == 0) return [];
        var xinetd = _query.IsXinetd(service);
        var layout = new ServiceLayout(root);
        var before = new LinkFarm(layout);
        var xinetdPath = xinetd ? layout.XinetdFile(service) : null;
        var xinetdBefore = xinetdPath is null ? null : File.ReadAllBytes(xinetdPath);

        List<string> args = xinetd ? [service, on ? "on" : "off"] : ["--level", RunLevels.Format(differing), service, on ? "on" : "off"];
        Run(args);

        var changes = LinkFarm.Difference(before, new LinkFarm(new ServiceLayout(root))).Select(c => c.ToString()).ToList();
        if (xinetdPath is not null && !File.ReadAllBytes(xinetdPath).AsSpan().SequenceEqual(xinetdBefore))
            changes.Add(new ServiceChange(ServiceChangeKind.XinetdRewritten, $"{ServiceLayout.XinetdDirectory}/{service}",
                $"disable = {(on ? "no" : "yes")}").ToString());
        return changes;
    }

    /// <summary>Runs the guest's chkconfig with <paramref name="args"/>; throws on failure with its message.</summary>
    public ChkconfigRun Run(IReadOnlyList<string> args)
    {
        var psi = root.IsLive ? new ProcessStartInfo(GuestPath) : new ProcessStartInfo(FindChroot());
        if (!root.IsLive)
        {
            psi.ArgumentList.Add(root.Directory);
            psi.ArgumentList.Add(GuestPath);
        }
        foreach (var a in args) psi.ArgumentList.Add(a);
        psi.RedirectStandardOutput = psi.RedirectStandardError = psi.RedirectStandardInput = true;
        psi.UseShellExecute = false;
        psi.Environment["LC_ALL"] = "C";
        var shown = $"{GuestPath} {string.Join(' ', args)}" + (root.IsLive ? "" : $" (in chroot {root.Directory})");

        Process process;
        try
        {
            process = Process.Start(psi) ?? throw new ServiceException($"cannot start {shown}");
        }
        catch (System.ComponentModel.Win32Exception e)
        {
            throw new ServiceException($"cannot start {shown}: {e.Message}");
        }
        using (process)
        {
            process.StandardInput.Close();
            var stdout = process.StandardOutput.ReadToEndAsync();
            var stderr = process.StandardError.ReadToEndAsync();
            if (!process.WaitForExit(Timeout))
            {
                process.Kill(entireProcessTree: true);
                process.WaitForExit();
                throw new ServiceException($"{shown} did not finish within {Timeout.TotalSeconds:F0} s and was killed");
            }
            process.WaitForExit();
            var result = new ChkconfigRun(process.ExitCode, stdout.Result, stderr.Result);
            if (result.ExitCode != 0)
                throw new ServiceException($"{shown} failed (exit {result.ExitCode}): {(result.Stderr.Trim().Length > 0 ? result.Stderr.Trim() : result.Stdout.Trim())}");
            return result;
        }
    }

    private static string FindChroot()
    {
        var path = Environment.GetEnvironmentVariable("PATH") ?? "";
        foreach (var dir in path.Split(':', StringSplitOptions.RemoveEmptyEntries).Concat(["/usr/sbin", "/sbin", "/usr/bin", "/bin"]))
        {
            var candidate = Path.Combine(dir, "chroot");
            if (File.Exists(candidate)) return candidate;
        }
        throw new ServiceException("no chroot program on this host: cannot run the guest's /sbin/chkconfig inside the tree (use the native engine)");
    }

    /// <summary>Exit code and output of one run of the guest's chkconfig.</summary>
    public sealed record ChkconfigRun(int ExitCode, string Stdout, string Stderr);
}
