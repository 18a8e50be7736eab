using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using Personality.Core;

namespace Personality.Fleet;

/// <summary>What plan and build print: aligned text for people, JSON (schemaVersion 1) for scripts.</summary>
public static class FleetOutput
{
    public const int SchemaVersion = 1;

    public static void WritePlan(TextWriter output, FleetPlan plan)
    {
        var fleet = plan.Fleet;
        output.WriteLine($"fleet {FleetManifests.Shown(fleet.File)}: {Count(fleet.Guests.Count, "guest")}, " +
                         $"{Count(fleet.Personalities.Count, "personality", "personalities")}; output {FleetManifests.Shown(plan.OutputDirectory)}");
        var width = Math.Max(8, fleet.Guests.Max(g => g.Name.Length));
        var notRun = plan.NotDryRun;
        foreach (var guest in plan.Guests)
        {
            var g = guest.Changes.Guest;
            var effect = guest.Effect switch
            {
                "start" => "new: build makes it, up starts it",
                "restart" => "changed: build remakes " + string.Join(", ", guest.Changes.NeedRestart.Select(p => Name(p.Part))) + "; roll restarts it",
                _ => guest.Changes.Any ? "changed: " + string.Join(", ", guest.Changes.Parts.Where(p => p.Writes).Select(p => Name(p.Part))) + " only; no restart" : "unchanged",
            };
            output.WriteLine($"{g.Name.PadRight(width)}  {g.Personality.Name,-10} {g.Memory,5} {g.Vcpus} vcpu  {g.Connection}  {effect}");
            // The state volume's line when something else changes, or when it differs from what the fleet asks.
            if (!guest.Changes.New)
                foreach (var part in guest.Changes.Parts.Where(p => p.Writes || (p.Part == GuestPart.StateVolume && (guest.Changes.Any || p.Notable))))
                    output.WriteLine($"{"",-4}{Name(part.Part),-13} {Action(part.Action),-9} {part.Why}");
            if (guest.DryRun.Ran)
            {
                output.WriteLine($"{"",-4}{"dry-run",-13} {guest.DryRun.Steps} steps, " +
                                 (guest.DryRun.Problems.Count == 0 ? "no problems" : $"{Count(guest.DryRun.Errors, "error")}, {Count(guest.DryRun.Problems.Count - guest.DryRun.Errors, "warning")}"));
                foreach (var problem in guest.DryRun.Problems) output.WriteLine($"{"",-6}{Severity(problem)}: {problem}");
            }
        }
        foreach (var orphan in plan.Orphans)
            output.WriteLine($"{orphan.PadRight(width)}  no longer in the fleet: build leaves its folder; remove it when the guest is gone");
        var changed = plan.Guests.Count(g => g.Status == "changed");
        var restart = plan.Guests.Count(g => g.Effect == "restart");
        output.WriteLine($"{Count(plan.Guests.Count, "guest")}: {plan.Guests.Count(g => g.Status == "new")} new, {changed} changed ({restart} to restart), " +
                         $"{plan.Guests.Count(g => g.Status == "unchanged")} unchanged; " +
                         (notRun is null ? $"dry-run: {plan.Guests.Count(g => g.DryRun.Problems.Count == 0)} clean, {plan.Guests.Count(g => g.DryRun.Errors > 0)} with errors" : $"not dry-run: {notRun}"));
    }

    public static string PlanJson(FleetPlan plan) => Json(json =>
    {
        Header(json, plan.Fleet, plan.OutputDirectory);
        json.WriteStartArray("guests");
        foreach (var guest in plan.Guests)
        {
            json.WriteStartObject();
            Guest(json, guest.Changes);
            json.WriteString("status", guest.Status);
            json.WriteString("effect", guest.Effect);
            json.WriteStartObject("dryRun");
            json.WriteBoolean("ran", guest.DryRun.Ran);
            if (guest.DryRun.NotRunBecause is { } why) json.WriteString("why", why);
            json.WriteNumber("steps", guest.DryRun.Steps);
            json.WriteNumber("errors", guest.DryRun.Errors);
            json.WriteStartArray("problems");
            foreach (var p in guest.DryRun.Problems) Diagnostic(json, p);
            json.WriteEndArray();
            json.WriteEndObject();
            json.WriteEndObject();
        }
        json.WriteEndArray();
        json.WriteStartArray("orphans");
        foreach (var orphan in plan.Orphans) json.WriteStringValue(orphan);
        json.WriteEndArray();
    });

    public static void WriteBuilt(TextWriter output, GuestBuildResult result)
    {
        var changes = result.Changes;
        var name = changes.Guest.Name;
        if (result.Error is not null) { output.WriteLine($"{name}: failed, nothing of it changed: {result.Error}"); return; }
        if (!changes.Any) { output.WriteLine($"{name}: unchanged"); return; }
        var what = string.Join(", ", changes.Parts.Where(p => p.Writes).Select(p => changes.New ? Name(p.Part) : $"{Name(p.Part)} ({p.Why})"));
        output.WriteLine(changes.New ? $"{name}: made {what}" : $"{name}: remade {what}");
    }

    public static void WriteBuildSummary(TextWriter output, Fleet fleet, string outputDirectory, IReadOnlyList<GuestBuildResult> results)
    {
        var failed = results.Count(r => r.Error is not null);
        var skipped = fleet.Guests.Count - results.Count;
        output.WriteLine($"{Count(fleet.Guests.Count, "guest")}: {results.Count(r => r.Wrote && r.Changes.New)} made, " +
                         $"{results.Count(r => r.Wrote && !r.Changes.New)} changed, {results.Count(r => r.Error is null && !r.Changes.Any)} unchanged" +
                         (failed > 0 ? $", {failed} failed, {skipped} not tried" : "") + $"; output {FleetManifests.Shown(outputDirectory)}");
    }

    public static string BuildJson(Fleet fleet, string outputDirectory, IReadOnlyList<GuestBuildResult> results) => Json(json =>
    {
        Header(json, fleet, outputDirectory);
        json.WriteStartArray("guests");
        foreach (var result in results)
        {
            json.WriteStartObject();
            Guest(json, result.Changes);
            json.WriteString("result", result.Error is not null ? "failed" : !result.Changes.Any ? "unchanged" : result.Changes.New ? "made" : "changed");
            if (result.Error is not null) json.WriteString("error", result.Error);
            json.WriteEndObject();
        }
        json.WriteEndArray();
        json.WriteStartArray("notTried");
        foreach (var guest in fleet.Guests.Skip(results.Count)) json.WriteStringValue(guest.Name);
        json.WriteEndArray();
    });

    internal static void Header(Utf8JsonWriter json, Fleet fleet, string outputDirectory)
    {
        json.WriteNumber("schemaVersion", SchemaVersion);
        json.WriteString("fleet", fleet.File);
        json.WriteString("output", outputDirectory);
    }

    private static void Guest(Utf8JsonWriter json, GuestChanges changes)
    {
        var g = changes.Guest;
        json.WriteString("name", g.Name);
        json.WriteString("domain", g.DomainName);
        json.WriteString("personality", g.Personality.Name);
        json.WriteString("memory", g.Memory.ToString());
        json.WriteNumber("vcpus", g.Vcpus);
        json.WriteString("state", g.State.ToString());
        json.WriteString("connection", g.Connection);
        json.WriteString("folder", changes.Layout.Directory);
        json.WriteStartArray("parts");
        foreach (var part in changes.Parts)
        {
            json.WriteStartObject();
            json.WriteString("part", Name(part.Part));
            json.WriteString("action", Action(part.Action));
            json.WriteString("why", part.Why);
            json.WriteEndObject();
        }
        json.WriteEndArray();
    }

    public static void Diagnostic(Utf8JsonWriter json, Diagnostic d)
    {
        json.WriteStartObject();
        json.WriteString("severity", Severity(d));
        json.WriteString("message", d.Message);
        if (d.Origin is { } o) json.WriteString("origin", o.ToString());
        else json.WriteNull("origin");
        if (d.Hint is not null) json.WriteString("hint", d.Hint);
        else json.WriteNull("hint");
        json.WriteEndObject();
    }

    /// <summary>Problems that stop a plan or build: one "FILE:LINE:COL: error: MESSAGE (HINT)" line each, as validate writes them.</summary>
    public static void WriteProblems(TextWriter output, Diagnostics diagnostics)
    {
        foreach (var d in diagnostics.All)
            output.WriteLine($"{d.Origin?.ToString() ?? "fleet"}: {Severity(d)}: {d.Message}{(d.Hint is null ? "" : $" ({d.Hint})")}");
    }

    public static string ProblemsJson(Diagnostics diagnostics) => Json(json =>
    {
        json.WriteNumber("schemaVersion", SchemaVersion);
        json.WriteString("result", "errors");
        json.WriteStartArray("problems");
        foreach (var d in diagnostics.All) Diagnostic(json, d);
        json.WriteEndArray();
    });

    public static string Name(GuestPart part) => part switch
    {
        GuestPart.HostVolume => "host volume",
        GuestPart.AppVolume => "app volume",
        GuestPart.StateVolume => "state volume",
        GuestPart.Domain => "domain",
        _ => "xl config",
    };

    private static string Action(PartAction action) => action.ToString().ToLowerInvariant();

    private static string Severity(Diagnostic d) => d.Severity == Core.Severity.Error ? "error" : "warning";

    private static string Count(int n, string word, string? plural = null) => n == 1 ? $"1 {word}" : $"{n} {plural ?? word + "s"}";

    internal static string Json(Action<Utf8JsonWriter> body)
    {
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer, new JsonWriterOptions { Indented = true, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping }))
        {
            json.WriteStartObject();
            body(json);
            json.WriteEndObject();
        }
        buffer.WriteByte((byte)'\n');
        return Encoding.UTF8.GetString(buffer.ToArray());
    }
}
