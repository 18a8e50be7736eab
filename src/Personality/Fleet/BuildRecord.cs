using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;

namespace Personality.Fleet;

/// <summary>
/// What a guest's folder was built from (<c>build.json</c>): the fingerprints of its host and app
/// volumes' inputs, the personality, and the state volume's size when it was made. A second build
/// compares against it to change nothing; plan compares to say what would change.
/// </summary>
public sealed record BuildRecord(string Guest, string Personality, string HostHash, string AppHash, string StateSize)
{
    public const int SchemaVersion = 1;

    /// <summary>The record in <paramref name="file"/>, or null when there is none or it is not one of ours (then everything is rebuilt).</summary>
    public static BuildRecord? Read(string file)
    {
        try
        {
            if (!File.Exists(file) || new FileInfo(file).Length > 64 * 1024) return null;
            using var doc = JsonDocument.Parse(File.ReadAllBytes(file));
            var root = doc.RootElement;
            if (root.ValueKind != JsonValueKind.Object || !root.TryGetProperty("schemaVersion", out var v) || v.ValueKind != JsonValueKind.Number || v.GetInt32() != SchemaVersion)
                return null;
            string? S(string name) => root.TryGetProperty(name, out var p) && p.ValueKind == JsonValueKind.String ? p.GetString() : null;
            return S("guest") is { } g && S("personality") is { } p && S("host") is { } h && S("app") is { } a && S("stateSize") is { } s
                ? new BuildRecord(g, p, h, a, s)
                : null;
        }
        catch (Exception e) when (e is JsonException or IOException or UnauthorizedAccessException or FormatException or InvalidOperationException)
        {
            return null;
        }
    }

    public byte[] ToBytes()
    {
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer, new JsonWriterOptions { Indented = true, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping }))
        {
            json.WriteStartObject();
            json.WriteNumber("schemaVersion", SchemaVersion);
            json.WriteString("guest", Guest);
            json.WriteString("personality", Personality);
            json.WriteString("host", HostHash);
            json.WriteString("app", AppHash);
            json.WriteString("stateSize", StateSize);
            json.WriteEndObject();
        }
        buffer.WriteByte((byte)'\n');
        return buffer.ToArray();
    }

    public override string ToString() => Encoding.UTF8.GetString(ToBytes());
}
