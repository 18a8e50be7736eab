using System.Globalization;
using System.Text.Json;
using Personality.Record;

namespace Personality.Fleet.Libvirt;

/// <summary>One line per guest for people (name, state, what was done, its boot), or JSON (schemaVersion 1) for scripts.</summary>
public static class RackOutput
{
    public static void WriteLine(TextWriter output, RackOutcome o, int width)
    {
        var boot = o.Ready is { } r
            ? $"{Result(r)} exit {r.ExitStatus} {r.Personality ?? "-"} {r.Hostname ?? "-"} boot {r.Milliseconds.ToString("0", CultureInfo.InvariantCulture)} ms"
            : "-";
        var waited = o.WaitedSeconds is { } s ? $" ready in {s.ToString("0.0", CultureInfo.InvariantCulture)} s" : "";
        var action = o.Action.Length == 0 ? "" : $"{o.Action}: ";
        output.WriteLine($"{o.Guest.Name.PadRight(width)}  {DomainStates.Name(o.State),-9} {(o.Ok ? "ok " : "NOT")}  {action}{boot}{waited}" +
                         (o.Problem is null ? "" : $"  ({o.Problem})") + $"  [{o.Guest.Connection}]");
    }

    public static int Width(Fleet fleet) => Math.Max(8, fleet.Guests.Max(g => g.Name.Length));

    public static void WriteSummary(TextWriter output, string verb, IReadOnlyList<RackOutcome> outcomes, double seconds)
    {
        var bad = outcomes.Where(o => !o.Ok).Select(o => o.Guest.Name).ToList();
        output.WriteLine($"{verb}: {outcomes.Count} guests, {outcomes.Count - bad.Count} ok" +
                         (bad.Count == 0 ? "" : $", {bad.Count} not: {string.Join(", ", bad)}") +
                         $" in {seconds.ToString("0.0", CultureInfo.InvariantCulture)} s");
    }

    public static string Json(Fleet fleet, string outputDirectory, string command, IReadOnlyList<RackOutcome> outcomes, double seconds) => FleetOutput.Json(json =>
    {
        FleetOutput.Header(json, fleet, outputDirectory);
        json.WriteString("command", command);
        json.WriteNumber("seconds", Math.Round(seconds, 3));
        json.WriteBoolean("ok", outcomes.All(o => o.Ok));
        json.WriteStartArray("guests");
        foreach (var o in outcomes)
        {
            json.WriteStartObject();
            json.WriteString("name", o.Guest.Name);
            json.WriteString("domain", o.Guest.DomainName);
            json.WriteString("connection", o.Guest.Connection);
            json.WriteString("personality", o.Guest.Personality.Name);
            json.WriteString("state", DomainStates.Name(o.State));
            json.WriteString("action", o.Action);
            json.WriteBoolean("ok", o.Ok);
            if (o.Problem is not null) json.WriteString("problem", o.Problem);
            if (o.WaitedSeconds is { } waited) json.WriteNumber("readySeconds", Math.Round(waited, 3));
            if (o.Ready is { } r)
            {
                json.WriteStartObject("boot");
                json.WriteString("result", Result(r));
                json.WriteNumber("exit", r.ExitStatus);
                WriteOrNull(json, "personality", r.Personality);
                WriteOrNull(json, "hostname", r.Hostname);
                json.WriteNumber("ms", r.Milliseconds);
                WriteOrNull(json, "bootId", r.BootId);
                json.WriteEndObject();
            }
            json.WriteEndObject();
        }
        json.WriteEndArray();
    });

    private static string Result(ReadinessLine r) => r.Result.ToString().ToLowerInvariant();

    private static void WriteOrNull(Utf8JsonWriter json, string name, string? value)
    {
        if (value is null) json.WriteNull(name);
        else json.WriteString(name, value);
    }
}
