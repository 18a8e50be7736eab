using Personality.Core;
using Personality.Pipeline;

namespace Personality.Steps;

/// <summary>
/// The one way a path is made writable or persistent: copy it into an area, then bind the copy
/// over the path (rwtab, statetab, a config volume's state, read-only rc?.d directories).
/// </summary>
public static class CopyThenBind
{
    public static (CopyStep Copy, BindStep Bind) Plan(StageName stage, Origin origin, string guestPath, string area, bool slave,
        IReadOnlyList<Step> after, bool firstUseOnly = false, bool durable = true, string? untrustedBelow = null, string? note = null)
    {
        var copy = new CopyStep(stage, origin, guestPath, area, guestPath, CopyMode.Full)
        {
            Source = guestPath, Note = note, DependsOn = after, OnlyIfMissing = firstUseOnly, Durable = durable,
            UntrustedBelow = untrustedBelow, ShownAt = guestPath,
        };
        return (copy, BindOf(copy, stage, slave));
    }

    /// <summary>The bind that shows <paramref name="copy"/> at the path it was copied from.</summary>
    public static BindStep BindOf(CopyStep copy, StageName stage, bool slave) =>
        new(stage, copy.From, copy.Origin, slave) { Source = copy.Target, Note = copy.Note, DependsOn = [copy], UntrustedBelow = copy.UntrustedBelow };
}
