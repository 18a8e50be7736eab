using YamlDotNet.Core;
using YamlDotNet.Core.Events;

namespace Personality.Manifests.Yaml;

/// <summary>
/// Parser events rewritten for the deserializer after <see cref="StrictYamlScanner"/> has reported a
/// problem with the original: the value is still checked, without the anchor or tag it carried.
/// </summary>
internal static class PlainEvents
{
    /// <summary>An empty plain scalar: what the deserializer reads as "no value" (null).</summary>
    public static Scalar Empty(Mark start) => new(AnchorName.Empty, TagName.Empty, "", ScalarStyle.Plain, true, false, start, start);

    public static ParsingEvent WithoutAnchorAndTag(NodeEvent node) => node switch
    {
        Scalar s => new Scalar(AnchorName.Empty, TagName.Empty, s.Value, s.Style, s.IsPlainImplicit, s.IsQuotedImplicit, s.Start, s.End, s.IsKey),
        SequenceStart q => new SequenceStart(AnchorName.Empty, TagName.Empty, q.IsImplicit, q.Style, q.Start, q.End),
        MappingStart m => new MappingStart(AnchorName.Empty, TagName.Empty, m.IsImplicit, m.Style, m.Start, m.End),
        _ => node,
    };
}
