namespace Personality.Apply.Copying;

/// <summary>
/// What a copy did. Created and Replaced count directory entries (files, directories, links,
/// nodes); Bytes counts file content written. Attribute-only updates are not counted.
/// </summary>
public sealed record CopyResult(int Created, int Replaced, long Bytes)
{
    public static readonly CopyResult None = new(0, 0, 0);

    public bool Changed => Created + Replaced > 0;
}

/// <summary>Mutable tally while a copy runs, turned into a <see cref="CopyResult"/> at the end.</summary>
internal sealed class CopyTally
{
    public int Created;
    public int Replaced;
    public long Bytes;

    public int Changes => Created + Replaced;

    public CopyResult ToResult() => Changes == 0 && Bytes == 0 ? CopyResult.None : new(Created, Replaced, Bytes);
}
