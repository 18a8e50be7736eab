namespace Personality.Core;

/// <summary>Where a step, setting or problem came from, e.g. <c>/etc/rwtab:14:7</c>.</summary>
/// <remarks>Line and column are 1-based; 0 means "not applicable" and is left out of the text.</remarks>
public readonly record struct Origin(string File, int Line = 0, int Column = 0)
{
    public static Origin Of(string what) => new(what);

    public override string ToString() =>
        Line <= 0 ? File : Column <= 0 ? $"{File}:{Line}" : $"{File}:{Line}:{Column}";
}
