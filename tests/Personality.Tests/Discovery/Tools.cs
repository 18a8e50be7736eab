using System.Diagnostics;
using System.Text;

namespace Personality.Tests.Discovery;

/// <summary>Runs the real mkfs tools, and blkid as the oracle (tests only; the product never calls it).</summary>
internal static class Tools
{
    public static string Run(string program, params string[] arguments)
    {
        var start = new ProcessStartInfo(program)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            StandardOutputEncoding = Encoding.UTF8,
        };
        foreach (var argument in arguments)
            start.ArgumentList.Add(argument);
        using var process = Process.Start(start) ?? throw new InvalidOperationException($"cannot start {program}");
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        process.WaitForExit();
        if (process.ExitCode != 0)
            throw new InvalidOperationException($"{program} {string.Join(' ', arguments)} exited {process.ExitCode}: {stderr.Result}");
        return stdout.Result;
    }

    /// <summary>A sparse file of the given size, so 300 MB xfs images cost no disk space.</summary>
    public static string SparseFile(string path, long bytes)
    {
        using (var file = File.Create(path))
            file.SetLength(bytes);
        return path;
    }

    /// <summary>
    /// blkid's low-level probe of a file as (TYPE, LABEL, UUID), "" when absent. The udev format
    /// is used because its *_ENC values escape only with \xNN, so non-ASCII labels survive.
    /// </summary>
    public static (string Type, string Label, string Uuid) Blkid(string path)
    {
        var values = new Dictionary<string, string>();
        foreach (var line in Run("blkid", "-p", "-o", "udev", path).Split('\n', StringSplitOptions.RemoveEmptyEntries))
        {
            var equals = line.IndexOf('=');
            values[line[..equals]] = Unescape(line[(equals + 1)..]);
        }
        return (values.GetValueOrDefault("ID_FS_TYPE", ""), values.GetValueOrDefault("ID_FS_LABEL_ENC", ""),
            values.GetValueOrDefault("ID_FS_UUID_ENC", ""));
    }

    public static void FlipByte(string path, long offset)
    {
        using var file = new FileStream(path, FileMode.Open, FileAccess.ReadWrite);
        file.Position = offset;
        var value = file.ReadByte();
        file.Position = offset;
        file.WriteByte((byte)(value ^ 0x20));
    }

    public static void WriteBytes(string path, long offset, byte[] bytes)
    {
        using var file = new FileStream(path, FileMode.Open, FileAccess.ReadWrite);
        file.Position = offset;
        file.Write(bytes);
    }

    private static string Unescape(string text)
    {
        var bytes = Encoding.UTF8.GetBytes(text);
        var result = new List<byte>(bytes.Length);
        for (var i = 0; i < bytes.Length; i++)
        {
            if (bytes[i] == '\\' && i + 3 < bytes.Length && bytes[i + 1] == 'x')
            {
                result.Add(Convert.ToByte(Encoding.ASCII.GetString(bytes, i + 2, 2), 16));
                i += 3;
            }
            else
            {
                result.Add(bytes[i]);
            }
        }
        return Encoding.UTF8.GetString(result.ToArray());
    }
}
