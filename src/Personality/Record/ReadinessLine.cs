using System.Globalization;
using System.Text;
using Personality.Steps;

namespace Personality.Record;

/// <summary>
/// The one machine-readable line `personality boot` writes to the console, for the host side
/// (`personality fleet`), which finds it in the guest's serial log:
/// <c>PERSONALITY-READY v=1 result=applied exit=0 personality=web hostname=web01 ms=123.4 boot=UUID at=TIME</c>.
/// Values come from hostile volumes (the personality, the hostname), so each is kept to one
/// token: any byte outside [A-Za-z0-9._:-] is written %XX; an unknown value is "-".
/// </summary>
/// <param name="Result">applied, degraded, failed or disabled.</param>
/// <param name="ExitStatus">boot's exit status (<see cref="BootExitStatus"/>).</param>
/// <param name="Personality">The app personality applied; null for none.</param>
/// <param name="Hostname">The hostname boot set; null when it set none.</param>
/// <param name="BootId">The kernel's boot id, so a host can tell this boot's line from an earlier boot's.</param>
/// <param name="StartedAt">When boot started (UTC).</param>
public sealed record ReadinessLine(RunResult Result, int ExitStatus, string? Personality, string? Hostname, double Milliseconds, string? BootId, DateTimeOffset? StartedAt)
{
    public const string Marker = "PERSONALITY-READY";
    public const int Version = 1;
    /// <summary>An encoded value longer than this is cut: the line stays one short line whatever a volume says.</summary>
    public const int MaxValueChars = 128;
    private const string None = "-";
    private const string TimeFormat = "yyyy-MM-dd'T'HH:mm:ss'Z'";

    /// <summary>What a boot knows at its end; <paramref name="record"/> null when not even the record was made.</summary>
    public static ReadinessLine Of(RunRecord? record, int exitStatus, double milliseconds, string? bootId) =>
        record is null ? new(RunResult.Failed, exitStatus, null, null, milliseconds, bootId, null)
        : new(record.Result, exitStatus, record.Personality,
            record.Steps.LastOrDefault(e => e.Step is HostnameStep && e.Outcome.Succeeded)?.Step.Target,
            record.TotalMilliseconds > 0 ? record.TotalMilliseconds : milliseconds, bootId, record.StartedAt);

    public string Format() => string.Join(' ',
        Marker, $"v={Version}", $"result={Result.ToString().ToLowerInvariant()}", $"exit={ExitStatus.ToString(CultureInfo.InvariantCulture)}",
        $"personality={Encode(Personality)}", $"hostname={Encode(Hostname)}",
        $"ms={Milliseconds.ToString("0.0", CultureInfo.InvariantCulture)}", $"boot={Encode(BootId)}",
        $"at={(StartedAt is { } t ? t.UtcDateTime.ToString(TimeFormat, CultureInfo.InvariantCulture) : None)}");

    public override string ToString() => Format();

    /// <summary>
    /// The last readiness line of a console log: lines end in \n or \r\n (a serial console's), the
    /// marker may follow other output on its line, and whatever does not parse as a whole line of
    /// this version is ignored. Null when there is none.
    /// </summary>
    public static ReadinessLine? ParseLast(string log)
    {
        ReadinessLine? last = null;
        foreach (var line in log.Split('\n'))
        {
            var start = line.LastIndexOf(Marker + " ", StringComparison.Ordinal);
            if (start >= 0 && Parse(line[start..]) is { } parsed) last = parsed;
        }
        return last;
    }

    /// <summary>One line that starts with the marker; null unless it is a complete version-1 line.</summary>
    public static ReadinessLine? Parse(string line)
    {
        var tokens = line.TrimEnd('\r', ' ', '\t').Split(' ');
        if (tokens[0] != Marker) return null;
        var values = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var token in tokens.Skip(1))
        {
            var eq = token.IndexOf('=');
            // A key twice, or a token that is no key=value, is not a line boot wrote (e.g. two lines run together).
            if (eq <= 0 || !values.TryAdd(token[..eq], token[(eq + 1)..])) return null;
        }
        if (values.GetValueOrDefault("v") != Version.ToString(CultureInfo.InvariantCulture)) return null;
        if (!TryResult(values.GetValueOrDefault("result"), out var result)) return null;
        if (!int.TryParse(values.GetValueOrDefault("exit"), NumberStyles.None, CultureInfo.InvariantCulture, out var exit)) return null;
        if (!double.TryParse(values.GetValueOrDefault("ms"), NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var ms)) return null;
        if (!TryDecode(values.GetValueOrDefault("personality"), out var personality) || !TryDecode(values.GetValueOrDefault("hostname"), out var hostname)
            || !TryDecode(values.GetValueOrDefault("boot"), out var boot)) return null;
        DateTimeOffset? at = null;
        if (values.GetValueOrDefault("at") is { } a and not None)
        {
            if (!DateTimeOffset.TryParseExact(a, TimeFormat, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var t)) return null;
            at = t;
        }
        return new ReadinessLine(result, exit, personality, hostname, ms, boot, at);
    }

    private static bool TryResult(string? text, out RunResult result)
    {
        result = default;
        foreach (var r in Enum.GetValues<RunResult>())
            if (text == r.ToString().ToLowerInvariant()) { result = r; return true; }
        return false;
    }

    private static bool IsPlain(byte b) => char.IsAsciiLetterOrDigit((char)b) || b is (byte)'.' or (byte)'_' or (byte)':' or (byte)'-';

    /// <summary>One token: plain bytes as they are, any other UTF-8 byte (space, '=', '%', control, non-ASCII) as %XX.</summary>
    public static string Encode(string? value)
    {
        if (string.IsNullOrEmpty(value)) return None;
        var text = new StringBuilder();
        foreach (var b in Encoding.UTF8.GetBytes(value))
        {
            var piece = IsPlain(b) ? ((char)b).ToString() : $"%{b:X2}";
            if (text.Length + piece.Length > MaxValueChars) break;
            text.Append(piece);
        }
        // "-" alone means "none": a value that is just "-" is written encoded.
        return text.ToString() == None ? "%2D" : text.ToString();
    }

    /// <summary>The reverse of <see cref="Encode"/>: "-" is null; a bad escape or a byte that should have been escaped fails.</summary>
    public static bool TryDecode(string? token, out string? value)
    {
        value = null;
        if (token is null or None) return true;
        if (token.Length == 0) return false;
        var bytes = new List<byte>();
        for (var i = 0; i < token.Length; i++)
        {
            var c = token[i];
            if (c == '%')
            {
                if (i + 2 >= token.Length || !byte.TryParse(token.AsSpan(i + 1, 2), NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out var b)) return false;
                bytes.Add(b);
                i += 2;
            }
            else if (c < 128 && IsPlain((byte)c)) bytes.Add((byte)c);
            else return false;
        }
        value = Encoding.UTF8.GetString([.. bytes]);
        return true;
    }
}
