namespace Personality.IntegrationTests.Harness;

/// <summary>A fresh directory under /tmp, removed on Dispose (after any stray mount below it is lazily unmounted).</summary>
public sealed class TempDir : IDisposable
{
    public TempDir(string prefix)
    {
        Path = Directory.CreateTempSubdirectory("personality-it-" + prefix + "-").FullName;
    }

    public string Path { get; }

    public string Sub(string name)
    {
        var p = System.IO.Path.Combine(Path, name);
        Directory.CreateDirectory(p);
        return p;
    }

    public void Dispose()
    {
        // Mounts are made in private namespaces, so none should be visible here; if one leaked,
        // a recursive delete would walk into the mounted volume, so detach it first.
        foreach (var mount in MountInfo.ReadSelf().Where(m => m.MountPoint.StartsWith(Path + "/", StringComparison.Ordinal))
                     .OrderByDescending(m => m.MountPoint.Length))
            Shell.Run("umount", ["-l", mount.MountPoint]);
        try
        {
            Directory.Delete(Path, recursive: true);
        }
        catch (IOException)
        {
            Shell.Run("rm", ["-rf", "--one-file-system", Path]);
        }
        catch (UnauthorizedAccessException)
        {
            Shell.Run("rm", ["-rf", "--one-file-system", Path]);
        }
    }
}
