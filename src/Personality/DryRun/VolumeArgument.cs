namespace Personality.DryRun;

/// <summary>A --volume LABEL=PATH argument: a directory, or an image file to loop-mount read-only.</summary>
public sealed record VolumeArgument(string Label, string Path)
{
    public static VolumeArgument Parse(string text)
    {
        var eq = text.IndexOf('=');
        if (eq <= 0 || eq == text.Length - 1)
            throw new Cli.UsageException($"--volume {text}: write --volume LABEL=PATH (PATH a directory or an image file)");
        var path = System.IO.Path.GetFullPath(text[(eq + 1)..]);
        if (!Directory.Exists(path) && !File.Exists(path))
            throw new Cli.UsageException($"--volume {text}: {path} does not exist");
        return new VolumeArgument(text[..eq], path);
    }

    public bool IsImage => File.Exists(Path);
}
