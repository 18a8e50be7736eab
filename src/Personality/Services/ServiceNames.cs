namespace Personality.Services;

/// <summary>
/// Service names come from the command line and from configuration volumes: they name a file in
/// /etc/rc.d/init.d or /etc/xinetd.d and nothing else.
/// </summary>
public static class ServiceNames
{
    /// <summary>True for a plain file name: not empty, no '/', no NUL, not "." or "..".</summary>
    public static bool IsValid(string? name) =>
        !string.IsNullOrEmpty(name) && name is not ("." or "..") && name.IndexOfAny(['/', '\0']) < 0;

    /// <summary>Throws a <see cref="ServiceException"/> naming the problem when <paramref name="name"/> is not valid.</summary>
    public static void Check(string? name)
    {
        if (!IsValid(name))
            throw new ServiceException($"'{name}' is not a service name: give the file name of a script in /etc/rc.d/init.d or /etc/xinetd.d");
    }

    /// <summary>What basename(3) returns, as chkconfig applies it to the argument of --add, --del and --override.</summary>
    public static string BaseName(string path)
    {
        var trimmed = path.TrimEnd('/');
        if (trimmed.Length == 0) return path.Length == 0 ? "" : "/";
        var slash = trimmed.LastIndexOf('/');
        return slash < 0 ? trimmed : trimmed[(slash + 1)..];
    }
}
