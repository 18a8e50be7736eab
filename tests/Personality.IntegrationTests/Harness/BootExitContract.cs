namespace Personality.IntegrationTests.Harness;

/// <summary>
/// boot's exit status as personality(8)'s FALLBACK CONTRACT derives it from the record, written
/// again here from status.json (no product code), so that every boot a test makes checks it.
/// </summary>
public static class BootExitContract
{
    public const int SetUp = 0, PartlySetUp = 10, NotSetUp = 11, NotWanted = 12, Disabled = 13, Halt = 14;

    public static int Expected(StatusJson s)
    {
        if (s.Result == "disabled") return Disabled;
        if (s.Result == "failed" && string.Equals(s.Setting("ON_FAILURE"), "halt", StringComparison.OrdinalIgnoreCase)) return Halt;
        if (!IsTrue(s.Setting("READONLY")) && !IsTrue(s.Setting("TEMPORARY_STATE"))) return NotWanted;
        static bool Done(StatusStep step) => step.Result is "applied" or "unchanged";
        var rwtab = s.Steps.Where(step => step.Stage == "rwtab").ToList();
        var binds = rwtab.Where(step => step.Action == "bind").ToList();
        var made = binds.Count(Done);
        if (made > 0) return made < binds.Count || rwtab.Any(step => step.Result == "failed") ? PartlySetUp : SetUp;
        var scratch = s.Steps.Where(step => step.Stage == "scratch").ToList();
        return scratch.Count > 0 && scratch.All(Done) && binds.Count == 0 ? SetUp : NotSetUp;
    }

    private static bool IsTrue(string? value) => value?.ToLowerInvariant() is "yes" or "true" or "on" or "1" or "y" or "t";
}
