namespace Personality.IntegrationTests.Harness;

/// <summary>An image file the harness has attached to a loop device, as boot will find it by label.</summary>
/// <param name="ReadOnly">Attached write-protected (losetup -r): boot sees a read-only device, dry-run just the file.</param>
/// <param name="Edited">Its bytes were changed after mkfs (a corrupt superblock, say): dry-run may refuse it.</param>
public sealed record AttachedImage(string Label, string ImagePath, string Device, FsType Type, bool ReadOnly, bool Edited);

/// <summary>
/// Every image this test process has attached and not yet released (<see cref="LoopVolume"/>,
/// <see cref="EditedLoopImage"/>), so a tree's first boot can be planned with the same volumes
/// (<see cref="FirstBootPlan"/>). Tests that attach devices run one at a time (<see cref="RootCollection"/>),
/// so while a test runs these are its own volumes; boot scans every block device, so it sees them all too.
/// </summary>
public static class AttachedImages
{
    private static readonly List<AttachedImage> Images = [];

    public static void Add(AttachedImage image)
    {
        lock (Images)
            Images.Add(image);
    }

    public static void Remove(string imagePath)
    {
        lock (Images)
            Images.RemoveAll(i => i.ImagePath == imagePath);
    }

    public static IReadOnlyList<AttachedImage> Now()
    {
        lock (Images)
            return [.. Images];
    }
}
