namespace Personality.Steps;

/// <summary>How much of a path to copy; one per rwtab type.</summary>
public enum CopyMode
{
    /// <summary>rwtab "files" (<c>cp -a</c>): everything, recursively, with all attributes.</summary>
    Full,
    /// <summary>rwtab "dirs" (<c>find -type d | cpio -pd</c>): the directory skeleton, no files.</summary>
    DirectoriesOnly,
    /// <summary>rwtab "empty" (<c>echo PATH | cpio -pd</c>): the item alone; a directory comes out empty.</summary>
    Single,
}
