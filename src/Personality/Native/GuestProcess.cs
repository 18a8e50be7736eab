// TEMPORARY stub until the posix_spawn primitive lands (helper-a); same API.
using System.Diagnostics;

namespace Personality.Native;

public sealed record GuestProcessRequest(string RootDirectory, string Program, IReadOnlyList<string> Arguments,
    IReadOnlyDictionary<string, string> Environment, TimeSpan Timeout, int OutputLimitBytes = 64 * 1024);

public sealed record GuestProcessResult(int? ExitCode, int? Signal, bool TimedOut, string? StartError, string Output, long OutputBytes, bool OutputTruncated);

public static class GuestProcess
{
    public static GuestProcessResult Run(GuestProcessRequest request)
    {
        var live = request.RootDirectory == "/";
        var start = new ProcessStartInfo { FileName = live ? request.Program : "chroot", RedirectStandardOutput = true, RedirectStandardError = true, RedirectStandardInput = true, UseShellExecute = false };
        if (!live) { start.ArgumentList.Add(request.RootDirectory); start.ArgumentList.Add(request.Program); }
        foreach (var a in request.Arguments) start.ArgumentList.Add(a);
        foreach (var (k, v) in request.Environment) start.Environment[k] = v;
        var output = new System.Text.StringBuilder();
        using var p = new Process { StartInfo = start };
        p.OutputDataReceived += (_, e) => { if (e.Data is not null) lock (output) output.Append(e.Data).Append('\n'); };
        p.ErrorDataReceived += (_, e) => { if (e.Data is not null) lock (output) output.Append(e.Data).Append('\n'); };
        try { p.Start(); } catch (Exception e) { return new(null, null, false, e.Message, "", 0, false); }
        p.StandardInput.Close();
        p.BeginOutputReadLine(); p.BeginErrorReadLine();
        if (!p.WaitForExit(request.Timeout)) { p.Kill(true); p.WaitForExit(5000); return new(null, null, true, null, output.ToString(), output.Length, false); }
        p.WaitForExit();
        return new(p.ExitCode, null, false, null, output.ToString(), output.Length, false);
    }
}
