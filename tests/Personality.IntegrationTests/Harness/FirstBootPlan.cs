using System.Text.RegularExpressions;

namespace Personality.IntegrationTests.Harness;

public enum PlanVerdict
{
    /// <summary>dry-run's plan and the boot's record list the same steps (<see cref="PlanComparison"/>).</summary>
    Same,
    /// <summary>They differ: the test fails, unless the tree marks it a known mismatch.</summary>
    Different,
    /// <summary>No comparison was possible; <see cref="PlanCheck.Detail"/> says why.</summary>
    Skipped,
}

/// <summary>How one tree's first boot compared with its dry-run plan.</summary>
public sealed record PlanCheck(int Boot, PlanVerdict Verdict, string Detail)
{
    public override string ToString() => $"boot {Boot}: plan {Verdict.ToString().ToLowerInvariant()}" + (Detail.Length > 0 ? $": {Detail}" : "");
}

/// <summary>
/// The check every test gets: before a tree's first boot, the namespace script plans it with
/// <c>personality dry-run --json</c> on the same tree, cmdline and attached volumes (BootScript's
/// plan_first_boot, driven by <see cref="Environment"/>); after the script, <see cref="Check"/> compares the
/// plan with that boot's status.json. Only the first boot: later boots start from what earlier ones left.
/// </summary>
public sealed class FirstBootPlan(string markerPath)
{
    private static readonly Lock LogLock = new();

    /// <summary>
    /// Set by a test whose plan is known to differ from its boot (a product bug being tracked): the
    /// difference is kept in <see cref="Observations.PlanCheck"/> instead of failing, and a plan that
    /// agrees again fails, so the mark is removed.
    /// </summary>
    public string? KnownMismatch { get; set; }

    /// <summary>Variables for plan_first_boot: the marker, and the volumes (or why none can be given).</summary>
    public Dictionary<string, string> Environment()
    {
        var images = AttachedImages.Now();
        return new Dictionary<string, string>
        {
            ["PLAN_MARK"] = markerPath,
            ["PLAN_VOLUMES"] = string.Join("\n", images.Select(i => $"{i.Label}={i.ImagePath}")),
            ["PLAN_SKIP"] = WhyNoPlan(images) ?? "",
        };
    }

    /// <summary>Volumes boot finds that dry-run cannot be given as they are.</summary>
    private static string? WhyNoPlan(IReadOnlyList<AttachedImage> images)
    {
        // dry-run takes one volume per label, while boot sees (and refuses) both devices.
        var twice = images.GroupBy(i => i.Label).FirstOrDefault(g => g.Count() > 1);
        if (twice is not null)
            return $"label {twice.Key} is on {twice.Count()} devices; dry-run takes one --volume per label";
        // dry-run reads an image by mounting it; boot finds the device by its superblock and then fails to mount it.
        var unmountable = images.FirstOrDefault(i => !KernelFilesystems.Supports(i.Type));
        if (unmountable is not null)
            return $"{unmountable.Label} is {unmountable.Type.Name()}, which this kernel cannot mount, and dry-run reads an image by mounting it";
        // Boot plans what follows from a mount that came up read-only; an image file does not carry the device's write protection.
        var writeProtected = images.FirstOrDefault(i => i.ReadOnly);
        return writeProtected is null ? null
            : $"{writeProtected.Label}'s device is write-protected (losetup -r), which its image file given to dry-run does not show";
    }

    /// <summary>The comparison for the first boot this script ran, or null when it ran none.</summary>
    public PlanCheck? Check(Observations obs)
    {
        var n = FirstBootNumber(obs.OutDir);
        if (n is null)
            return null;
        var check = Compare(obs, n.Value);
        Log(check, obs);
        if (check.Verdict == PlanVerdict.Different && KnownMismatch is null)
            throw new Xunit.Sdk.XunitException($"dry-run's plan is not what the first boot did ({check.Detail})\n{obs.Boot(n.Value).Describe()}");
        if (check.Verdict == PlanVerdict.Same && KnownMismatch is not null)
            throw new Xunit.Sdk.XunitException($"marked a known dry-run/boot mismatch ({KnownMismatch}), but the plan now equals the boot: remove the mark");
        return check;
    }

    private PlanCheck Compare(Observations obs, int n)
    {
        string F(string ext) => Path.Combine(obs.OutDir, $"boot{n}.{ext}");
        if (File.Exists(F("plan-skipped")))
            return new PlanCheck(n, PlanVerdict.Skipped, File.ReadAllText(F("plan-skipped")).Trim());
        if (File.Exists(F("plan-loops.note")))
            return new PlanCheck(n, PlanVerdict.Different, File.ReadAllText(F("plan-loops.note")).Trim());
        var boot = obs.Boot(n);
        if (!boot.HasStatus)
            return new PlanCheck(n, PlanVerdict.Skipped, $"boot {n} wrote no status.json");
        var exit = File.ReadAllText(F("plan.exit")).Trim();
        var stderr = File.ReadAllText(F("plan.stderr")).Trim();
        if (exit is not ("0" or "1"))
        {
            // A deliberately corrupt image: boot reports the device, dry-run refuses the --volume outright.
            var edited = AttachedImages.Now().Where(i => i.Edited).Select(i => i.Label).ToList();
            var refused = edited.FirstOrDefault(l => stderr.Contains($"--volume {l}=", StringComparison.Ordinal));
            return refused is not null
                ? new PlanCheck(n, PlanVerdict.Skipped, $"dry-run refused the edited image of {refused}: {stderr}")
                : new PlanCheck(n, PlanVerdict.Different, $"dry-run exited {exit}: {stderr}");
        }
        var plan = StatusJson.Parse(File.ReadAllText(F("plan.json")));
        var difference = PlanComparison.Difference(plan.Steps, boot.Status.Steps);
        var retries = File.Exists(F("plan-retries")) ? $", dry-run retried: {File.ReadAllText(F("plan-retries")).Trim().Replace('\n', ';')}" : "";
        return difference is null
            ? new PlanCheck(n, PlanVerdict.Same, $"{plan.Steps.Count} steps{retries}")
            : new PlanCheck(n, PlanVerdict.Different, (KnownMismatch is null ? "" : $"known: {KnownMismatch}\n") + difference);
    }

    private static int? FirstBootNumber(string outDir)
    {
        var marks = Directory.EnumerateFiles(outDir, "boot*.plan*")
            .Select(f => Regex.Match(Path.GetFileName(f), @"^boot(\d+)\.plan(-skipped|\.exit)$"))
            .Where(m => m.Success).Select(m => int.Parse(m.Groups[1].Value)).ToList();
        return marks.Count > 0 ? marks.Min() : null;
    }

    /// <summary>$PERSONALITY_PLAN_LOG, when set, gets one line per compared tree (to count them over a whole run).</summary>
    private void Log(PlanCheck check, Observations obs)
    {
        var log = System.Environment.GetEnvironmentVariable("PERSONALITY_PLAN_LOG");
        if (string.IsNullOrEmpty(log))
            return;
        var first = check.Detail.Split('\n')[0];
        var known = KnownMismatch is null ? "" : " (known)";
        lock (LogLock)
            File.AppendAllText(log, $"{check.Verdict}{known}\t{Path.GetDirectoryName(obs.OutDir)}\t{first}\n");
    }
}
