using Personality.Core;

namespace Personality.Plan.Tables;

/// <summary>rwtab entry kinds, with Red Hat's meaning.</summary>
public enum RwtabKind
{
    /// <summary>Recreate the path alone (a directory comes out empty).</summary>
    Empty,
    /// <summary>Recreate the directory skeleton below the path, no files.</summary>
    Dirs,
    /// <summary>Copy everything below the path.</summary>
    Files,
}

public sealed record RwtabEntry(RwtabKind Kind, string Path, Origin Origin);

public sealed record StatetabEntry(string Path, Origin Origin);
