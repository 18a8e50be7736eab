using Personality.Record;
using System.Text;
using System.Text.Json;
using Personality.Status;

namespace Personality.Tests.Status;

/// <summary>Builds status.json text as boot writes it (schemaVersion 1), for the drift and output tests.</summary>
public sealed class RecordText
{
    private readonly List<string> _steps = [];
    private readonly List<string> _volumes = [];
    private readonly List<string> _warnings = [];
    private readonly List<string> _errors = [];

    public string Result { get; set; } = "applied";
    public string? Personality { get; set; }
    public string? DisabledReason { get; set; }

    public RecordText Step(string stage, string action, string target, string result = "applied", string? source = null,
        string origin = "/etc/rwtab:1:6", double ms = 0.5, string? detail = null, string? fellBackTo = null)
    {
        var sb = new StringBuilder();
        sb.Append($"{{\"stage\":{Q(stage)},\"action\":{Q(action)},\"target\":{Q(target)},");
        if (source is not null) sb.Append($"\"source\":{Q(source)},");
        sb.Append($"\"origin\":{Q(origin)},\"result\":{Q(result)},\"ms\":{ms.ToString(System.Globalization.CultureInfo.InvariantCulture)}");
        if (fellBackTo is not null) sb.Append($",\"fellBackTo\":{Q(fellBackTo)}");
        if (detail is not null) sb.Append($",\"detail\":{Q(detail)}");
        _steps.Add(sb.Append('}').ToString());
        return this;
    }

    public RecordText Volume(string role, string label, string device, string mountPoint, string type = "ext4", double appearedMs = 3) =>
        Add(_volumes, $"{{\"role\":{Q(role)},\"label\":{Q(label)},\"device\":{Q(device)},\"uuid\":\"1234\",\"type\":{Q(type)},\"appearedMs\":{appearedMs},\"mountPoint\":{Q(mountPoint)}}}");

    public RecordText Warning(string message, string? origin = null, string? hint = null) => Add(_warnings, Diag(message, origin, hint));

    public RecordText Error(string message, string? origin = null, string? hint = null) => Add(_errors, Diag(message, origin, hint));

    public override string ToString()
    {
        var extra = (Personality is null ? "" : $"\"personality\":{Q(Personality)},") +
                    (DisabledReason is null ? "" : $"\"disabledReason\":{Q(DisabledReason)},");
        return "{\"schemaVersion\":1,\"tool\":\"personality 0.1.0\",\"command\":\"boot\",\"root\":\"/r\"," +
               $"\"result\":{Q(Result)},{extra}\"startedAt\":\"2025-03-04T05:06:07.089Z\",\"totalMs\":12.345," +
               "\"settings\":[{\"key\":\"READONLY\",\"value\":\"yes\",\"source\":\"/etc/sysconfig/readonly-root:2\"}]," +
               $"\"volumes\":[{string.Join(',', _volumes)}],\"steps\":[{string.Join(',', _steps)}]," +
               $"\"warnings\":[{string.Join(',', _warnings)}],\"errors\":[{string.Join(',', _errors)}]}}\n";
    }

    public StatusRecord Parse() => StatusRecord.Parse(Encoding.UTF8.GetBytes(ToString()));

    private RecordText Add(List<string> list, string json)
    {
        list.Add(json);
        return this;
    }

    private static string Diag(string message, string? origin, string? hint) =>
        $"{{\"message\":{Q(message)}" + (origin is null ? "" : $",\"origin\":{Q(origin)}") + (hint is null ? "" : $",\"hint\":{Q(hint)}") + "}";

    private static string Q(string s) => "\"" + JsonEncodedText.Encode(s).ToString() + "\"";
}
