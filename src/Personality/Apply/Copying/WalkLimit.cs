namespace Personality.Apply.Copying;

/// <summary>
/// The bound on one tree walk (a copy, a merge, a wipe): the entries it may list. A scratch
/// device to wipe is a labelled volume from outside the image, and an image tree can be anything:
/// a walk past the bound fails its step, with the path, instead of holding the boot for hours.
/// Depth needs no bound of its own: a path longer than PATH_MAX fails its system call first.
/// </summary>
internal static class WalkLimit
{
    public const int MaxEntries = 1_000_000;

    /// <summary>Adds <paramref name="listed"/> entries of <paramref name="directory"/> to <paramref name="visited"/>.</summary>
    public static void Count(ref int visited, int listed, string directory)
    {
        visited += listed;
        if (visited > MaxEntries)
            throw new IOException($"more than {MaxEntries} entries to walk (at {directory}): " +
                                  "stopped, as a tree this large cannot be meant for a boot; make it smaller or leave it out");
    }
}
