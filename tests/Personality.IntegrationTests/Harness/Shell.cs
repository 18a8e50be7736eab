using System.Diagnostics;

namespace Personality.IntegrationTests.Harness;

/// <summary>Outcome of one child process.</summary>
public sealed record ProcessResult(string Command, int ExitCode, string Stdout, string Stderr, TimeSpan Elapsed)
{
    public override string ToString() =>
        $"$ {Command}\nexit {ExitCode} after {Elapsed.TotalMilliseconds:F0} ms\n--- stdout\n{Stdout}\n--- stderr\n{Stderr}";
}

/// <summary>Runs host tools (mkfs, losetup, unshare ...) with a bound on time.</summary>
public static class Shell
{
    public static ProcessResult Run(string file, IEnumerable<string> args,
        IReadOnlyDictionary<string, string>? env = null, TimeSpan? timeout = null)
    {
        var psi = new ProcessStartInfo(file)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
        };
        foreach (var a in args)
            psi.ArgumentList.Add(a);
        if (env is not null)
            foreach (var (k, v) in env)
                psi.Environment[k] = v;

        var command = file + " " + string.Join(' ', psi.ArgumentList.Select(Quote));
        var clock = Stopwatch.StartNew();
        using var p = Process.Start(psi) ?? throw new InvalidOperationException($"cannot start {file}");
        p.StandardInput.Close();
        var stdout = p.StandardOutput.ReadToEndAsync();
        var stderr = p.StandardError.ReadToEndAsync();
        if (!p.WaitForExit(timeout ?? TimeSpan.FromMinutes(2)))
        {
            p.Kill(entireProcessTree: true);
            p.WaitForExit();
            throw new TimeoutException($"timed out: {command}\n{stdout.Result}\n{stderr.Result}");
        }
        p.WaitForExit();
        return new ProcessResult(command, p.ExitCode, stdout.Result, stderr.Result, clock.Elapsed);
    }

    /// <summary>Runs and throws with the full output when the exit code is not 0.</summary>
    public static ProcessResult Check(string file, params string[] args)
    {
        var r = Run(file, args);
        if (r.ExitCode != 0)
            throw new InvalidOperationException("command failed:\n" + r);
        return r;
    }

    public static string Quote(string s) =>
        s.Length > 0 && s.All(c => char.IsLetterOrDigit(c) || "/._-=:,+@%".Contains(c)) ? s : "'" + s.Replace("'", "'\\''") + "'";
}
