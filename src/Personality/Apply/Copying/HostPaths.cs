namespace Personality.Apply.Copying;

/// <summary>String helpers for absolute host paths, cheaper than Path.* and exact about "/".</summary>
internal static class HostPaths
{
    public static string Join(string directory, string name) =>
        directory == "/" ? "/" + name : string.Concat(directory, "/", name);

    public static string Parent(string path)
    {
        var slash = path.LastIndexOf('/');
        return slash <= 0 ? "/" : path[..slash];
    }

    /// <summary>"/a/b/" becomes "/a/b"; "/" stays.</summary>
    public static string Trim(string path) => path.Length > 1 ? path.TrimEnd('/') : path;

    /// <summary>Host path of absolute guest path <paramref name="guestPath"/> below <paramref name="root"/>.</summary>
    public static string Under(string root, string guestPath) => root == "/" ? guestPath : Trim(root) + guestPath;
}
