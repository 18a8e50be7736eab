using System.Text.RegularExpressions;

namespace Personality.IntegrationTests.Harness;

/// <summary>
/// Labels for the config volumes of one test: "ph"/"pa"/"pm" + 6 hex digits (8 characters, under the
/// 11 a vfat label allows). Unique per test, since the binary scans every block device on the machine.
/// </summary>
public static class ConfigLabels
{
    public static string Host() => "ph" + Hex();
    public static string App() => "pa" + Hex();

    /// <summary>Any other volume a manifest names (mounts:).</summary>
    public static string Other() => "pm" + Hex();

    private static string Hex() => Convert.ToHexStringLower(System.Security.Cryptography.RandomNumberGenerator.GetBytes(3));
}

/// <summary>
/// A personality config volume: its content is built in a temp dir (<c>personality.yaml</c> at the top,
/// <c>state/</c>, files, hooks), then <see cref="Attach"/> makes it a labelled ext4 loop volume with
/// <c>mkfs.ext4 -d</c>. Dispose detaches the loop device and removes everything, even after a failure.
/// </summary>
public sealed class ConfigVolume : IDisposable
{
    private readonly TempDir _content;

    public ConfigVolume(string label)
    {
        Label = label;
        _content = new TempDir("cfg-" + label);
        Directory.CreateDirectory(Path.Combine(Dir, "state"));
    }

    public string Label { get; }

    /// <summary>The host directory the volume is made from.</summary>
    public string Dir => _content.Path;

    public LoopVolume Volume => _volume ?? throw new InvalidOperationException($"config volume {Label} is not attached yet");

    public string Device => Volume.Device;

    /// <summary>The manifest text last written (for positions in expected origins).</summary>
    public string ManifestText { get; private set; } = "";

    private LoopVolume? _volume;

    /// <summary>Writes personality.yaml (leading indentation common to all lines is kept as written).</summary>
    public ConfigVolume Manifest(string yaml)
    {
        ManifestText = yaml;
        return File("personality.yaml", yaml);
    }

    public ConfigVolume File(string relative, string content, string mode = "644", int uid = 0, int gid = 0)
    {
        var p = HostPath(relative);
        Directory.CreateDirectory(System.IO.Path.GetDirectoryName(p)!);
        System.IO.File.WriteAllText(p, content);
        System.IO.File.SetUnixFileMode(p, (UnixFileMode)Convert.ToInt32(mode, 8));
        Shell.Check("chown", "-h", $"{uid}:{gid}", p);
        return this;
    }

    public ConfigVolume Symlink(string relative, string target)
    {
        var p = HostPath(relative);
        Directory.CreateDirectory(System.IO.Path.GetDirectoryName(p)!);
        System.IO.File.CreateSymbolicLink(p, target);
        return this;
    }

    /// <summary>A hook script: "#!/bin/sh" then <paramref name="body"/>; mode 755, or 644 when not executable.</summary>
    public ConfigVolume Hook(string relative, string body, bool executable = true) =>
        File(relative, "#!/bin/sh\n" + body.TrimEnd('\n') + "\n", executable ? "755" : "644");

    /// <summary>Makes the ext4 image from the content and attaches it to a loop device.</summary>
    public ConfigVolume Attach(long? sizeBytes = null)
    {
        if (_volume is not null)
            throw new InvalidOperationException($"config volume {Label} is attached already");
        _volume = LoopVolume.Create(FsType.Ext4, Label, populateFrom: Dir, sizeBytes: sizeBytes);
        return this;
    }

    /// <summary>1-based line of the first manifest line containing <paramref name="needle"/>.</summary>
    public int Line(string needle)
    {
        var lines = ManifestText.Split('\n');
        for (var i = 0; i < lines.Length; i++)
            if (lines[i].Contains(needle, StringComparison.Ordinal))
                return i + 1;
        throw new ArgumentException($"'{needle}' is not in the manifest of {Label}:\n{ManifestText}");
    }

    /// <summary>1-based column where <paramref name="needle"/> starts on its line.</summary>
    public int Column(string needle) => ManifestText.Split('\n')[Line(needle) - 1].IndexOf(needle, StringComparison.Ordinal) + 1;

    /// <summary>"LABEL:personality.yaml" (what every origin of this volume's manifest starts with).</summary>
    public string OriginFile => $"{Label}:personality.yaml";

    /// <summary>"LABEL:personality.yaml:LINE:" for the line holding <paramref name="needle"/>.</summary>
    public string OriginOfLine(string needle) => $"{OriginFile}:{Line(needle)}:";

    /// <summary>"LABEL:personality.yaml:LINE:COL" where <paramref name="needle"/> starts.</summary>
    public string OriginAt(string needle) => $"{OriginFile}:{Line(needle)}:{Column(needle)}";

    /// <summary>True when <paramref name="origin"/> is LABEL:personality.yaml:LINE:COL (any line and column).</summary>
    public bool IsManifestOrigin(string? origin) =>
        origin is not null && Regex.IsMatch(origin, "^" + Regex.Escape(OriginFile) + @":\d+:\d+$");

    public override string ToString() => _volume?.ToString() ?? $"{Label} (not attached, {Dir})";

    public void Dispose()
    {
        try
        {
            _volume?.Dispose();
        }
        finally
        {
            _content.Dispose();
        }
    }

    private string HostPath(string relative) =>
        !relative.StartsWith('/') ? System.IO.Path.Combine(Dir, relative) : throw new ArgumentException($"volume path must be relative: {relative}");
}
