namespace Personality.IntegrationTests.Harness;

/// <summary>What one <c>boot N</c> call in a namespace script left behind.</summary>
public sealed class BootObservation(string outDir, int n)
{
    private string F(string ext) => Path.Combine(outDir, $"boot{n}.{ext}");

    public bool Ran => File.Exists(F("exit"));
    public int ExitCode => int.Parse(Read("exit").Trim());
    public string Stdout => Read("stdout");
    public string Stderr => Read("stderr");
    public int WallMs => int.Parse(Read("ms").Trim());
    public string? Log => File.Exists(F("log")) ? File.ReadAllText(F("log")) : null;
    public bool HasStatus => File.Exists(F("status.json"));
    /// <summary>What boot left in /var/run/personality/boot-exit for personality-fallback.service, null when nothing.</summary>
    public string? ExitFile => File.Exists(F("exit-file")) ? File.ReadAllText(F("exit-file")) : null;

    /// <summary>The status.json this run wrote; a failed assertion explains what happened when there is none.</summary>
    public StatusJson Status => HasStatus
        ? StatusJson.Parse(File.ReadAllText(F("status.json")))
        : throw new Xunit.Sdk.XunitException($"boot {n} wrote no var/run/personality/status.json\n{Describe()}");

    /// <summary>The namespace's mount table right after this run.</summary>
    public IReadOnlyList<MountInfo> Mounts => MountInfo.Parse(Read("mountinfo"));

    public string Describe() =>
        Ran ? $"boot {n}: exit {ExitCode}, {WallMs} ms\n--- stdout\n{Stdout}\n--- stderr\n{Stderr}\n--- status.json\n" +
              (HasStatus ? File.ReadAllText(F("status.json")) : "(none)")
            : $"boot {n} did not run";

    private string Read(string ext) =>
        File.Exists(F(ext)) ? File.ReadAllText(F(ext)) : throw new Xunit.Sdk.XunitException($"boot {n} left no {ext}: did the script call `boot {n}`?");
}
