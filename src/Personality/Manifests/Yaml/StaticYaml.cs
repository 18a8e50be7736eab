using Personality.Core;
using YamlDotNet.Core;
using YamlDotNet.Core.Events;
using YamlDotNet.Serialization;
using YamlDotNet.Serialization.NamingConventions;

namespace Personality.Manifests.Yaml;

/// <summary>Scan, then deserialize with the generated static context: the one way configuration YAML is read.</summary>
internal static class StaticYaml
{
    // Built once: the static deserializer holds no per-document state.
    private static readonly IDeserializer Deserializer = new StaticDeserializerBuilder(new YamlContext())
        .WithNamingConvention(LowerCaseNamingConvention.Instance)
        .Build();

    /// <summary>
    /// Reads <paramref name="text"/> into a <typeparamref name="T"/> after <see cref="StrictYamlScanner"/>
    /// has checked it against <paramref name="shape"/>; null (with every problem reported) when there is
    /// no document to read. <c>StructuralErrors</c> &gt; 0 means the scanner reported problems and the
    /// DTO holds the rest of the document: worth checking for more errors, never worth using.
    /// </summary>
    public static (T Dto, NodePositions Positions, int StructuralErrors)? Read<T>(string text, string file, MapShape shape, Diagnostics diagnostics)
        where T : class
    {
        var scanned = StrictYamlScanner.Scan(text, file, shape, diagnostics);
        if (scanned is null) return null;
        return Deserialize<T>(scanned.Events, scanned.Positions, file, diagnostics) is { } dto ? (dto, scanned.Positions, scanned.Errors) : null;
    }

    /// <summary>
    /// Deserializes events already checked by <see cref="StrictYamlScanner"/>, possibly with parts
    /// taken out that the caller reads itself (a fleet's host maps, kept as events to be written
    /// out again). Null, with an error, when there is nothing to read.
    /// </summary>
    public static T? Deserialize<T>(IReadOnlyList<ParsingEvent> events, NodePositions positions, string file, Diagnostics diagnostics)
        where T : class
    {
        try
        {
            var dto = Deserializer.Deserialize<T>(new EventReplay(events));
            if (dto is null) diagnostics.Error("the file holds no settings", positions.Root, "start it with 'version: 1'");
            return dto;
        }
        catch (YamlException ex)
        {
            // The scanner checks the shapes the DTOs accept, so this is a safety net, not a normal path.
            var message = ex.InnerException is { } inner ? $"{ex.Message} {inner.Message}" : ex.Message;
            diagnostics.Error(message, new Origin(file, (int)ex.Start.Line, (int)ex.Start.Column));
            return null;
        }
    }
}
