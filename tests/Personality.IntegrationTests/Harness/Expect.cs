using Xunit.Sdk;

namespace Personality.IntegrationTests.Harness;

/// <summary>Assertions on mounts and status.json whose failure messages carry the whole observation.</summary>
public static class Expect
{
    /// <summary>
    /// The boot wrote a schemaVersion 1 boot record for this tree and exited as the fallback contract
    /// says for that record (<see cref="BootExitContract"/>: 0 when the read-only root is set up).
    /// </summary>
    public static StatusJson Booted(BootObservation boot, GuestTree tree)
    {
        True(boot.Ran, "boot did not run", boot);
        var status = boot.Status;
        ExitedAsTheContractSays(boot);
        True(status.SchemaVersion == 1, $"schemaVersion {status.SchemaVersion}", boot);
        True(status.Command == "boot", $"command '{status.Command}'", boot);
        True(status.Root.TrimEnd('/') == tree.Root, $"root '{status.Root}', expected {tree.Root}", boot);
        return status;
    }

    /// <summary>boot's exit status is the one its record calls for (personality(8), FALLBACK CONTRACT).</summary>
    public static void ExitedAsTheContractSays(BootObservation boot)
    {
        var expected = BootExitContract.Expected(boot.Status);
        True(boot.ExitCode == expected, $"boot exited {boot.ExitCode}, the fallback contract says {expected} for this record", boot);
        // The systemd fallback reads the same status from the file boot leaves (when the script looked).
        True(boot.ExitFile is null || boot.ExitFile == $"{boot.ExitCode}\n", $"boot-exit holds '{boot.ExitFile}', the exit status was {boot.ExitCode}", boot);
    }

    /// <summary>
    /// The record's result; "applied" also accepts "degraded" when every warning is host noise
    /// (<see cref="HostNoise"/>), since the binary cannot tell a sandboxed disk from a broken one.
    /// </summary>
    public static void Result(string expected, BootObservation boot)
    {
        var s = boot.Status;
        var onlyNoise = s.Errors.Count == 0 && s.Warnings.Count > 0 && s.Warnings.All(HostNoise.IsNoise);
        var ok = s.Result == expected || (expected == "applied" && s.Result == "degraded" && onlyNoise);
        True(ok, $"result '{s.Result}', expected '{expected}'", boot);
    }

    /// <summary>Warnings not caused by the test machine.</summary>
    public static IReadOnlyList<StatusDiagnostic> Warnings(BootObservation boot) =>
        boot.Status.Warnings.Where(w => !HostNoise.IsNoise(w)).ToList();

    public static void NoDiagnostics(BootObservation boot)
    {
        True(boot.Status.Errors.Count == 0, "unexpected errors", boot);
        True(Warnings(boot).Count == 0, "unexpected warnings", boot);
    }

    /// <summary>The one mount at a guest path after the boot.</summary>
    public static MountInfo MountAt(BootObservation boot, GuestTree tree, string guestPath)
    {
        var at = boot.Mounts.Where(m => m.MountPoint == tree.HostPath(guestPath)).ToList();
        True(at.Count == 1, $"expected exactly one mount at {guestPath}, found {at.Count}\n{MountsBelow(boot, tree)}", boot);
        return at[0];
    }

    public static void NoMountAt(BootObservation boot, GuestTree tree, string guestPath) =>
        True(boot.Mounts.All(m => m.MountPoint != tree.HostPath(guestPath)),
            $"expected no mount at {guestPath}\n{MountsBelow(boot, tree)}", boot);

    /// <summary>
    /// A step about a guest path with the action and result; its origin names the file (and line when given).
    /// A copy step's target is the copy (RW_MOUNT or STATE_MOUNT + path) and its source the path, so copies
    /// are matched by source; every other step by target.
    /// </summary>
    public static StatusStep Step(BootObservation boot, string path, string action, string result, string? originFile = null, int line = 0)
    {
        var steps = boot.Status.Steps.Where(s => s.Target == path || (s.Action == "copy" && s.Source == path)).ToList();
        var match = steps.FirstOrDefault(s => s.Action == action && s.Result == result && (action == "copy" ? s.Source == path : s.Target == path));
        True(match is not null, $"no step '{action} {path}' with result '{result}'; steps about it:\n  {string.Join("\n  ", steps)}", boot);
        if (originFile is not null)
        {
            var o = match!.Origin ?? "";
            var expected = line > 0 ? $"{originFile}:{line}" : originFile;
            True(o == expected || o.StartsWith(expected + ":", StringComparison.Ordinal),
                $"step {match} has origin '{o}', expected '{expected}'", boot);
        }
        return match!;
    }

    public static string MountsBelow(BootObservation boot, GuestTree tree) =>
        "mounts below the tree:\n  " + string.Join("\n  ", MountInfo.Below(boot.Mounts, tree.Root));

    public static void True(bool condition, string message, BootObservation boot)
    {
        if (!condition)
            throw new XunitException(message + "\n" + boot.Describe());
    }

    public static void True(bool condition, string message, Observations obs)
    {
        if (!condition)
            throw new XunitException(message + "\n" + obs.Describe());
    }
}
