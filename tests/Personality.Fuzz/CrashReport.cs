using System.Security.Cryptography;
using System.Text;

namespace Personality.Fuzz;

/// <summary>
/// Keeps a crashing input in crashes/TARGET-HASH and prints what happened and the input itself,
/// escaped, so the failure can be turned into a regression test straight from the CI log.
/// </summary>
public sealed class CrashReport(string directory)
{
    private const int ShownBytes = 400;

    /// <summary>Where the input being run is kept, in case it kills the process (a stack overflow cannot be caught).</summary>
    public string InFlight(string target)
    {
        Directory.CreateDirectory(directory);
        return Path.Combine(directory, $"in-flight-{target}");
    }

    public void Save(string target, byte[] input, Exception failure)
    {
        Directory.CreateDirectory(directory);
        var hash = Convert.ToHexStringLower(SHA256.HashData(input))[..16];
        var file = Path.Combine(directory, $"{target}-{hash}");
        File.WriteAllBytes(file, input);
        Console.WriteLine($"CRASH in {target}: {failure.GetType().Name}: {failure.Message}");
        Console.WriteLine($"  input ({input.Length} bytes) saved as {file}");
        Console.WriteLine($"  input: \"{Escaped(input)}\"");
        foreach (var frame in (failure.StackTrace ?? "").Split('\n').Take(8))
            Console.WriteLine($"  {frame.Trim()}");
    }

    private static string Escaped(byte[] input)
    {
        var text = new StringBuilder();
        foreach (var b in input.Take(ShownBytes))
            text.Append(b switch
            {
                (byte)'\\' => "\\\\",
                (byte)'"' => "\\\"",
                (byte)'\n' => "\\n",
                (byte)'\t' => "\\t",
                >= 0x20 and < 0x7F => ((char)b).ToString(),
                _ => $"\\x{b:X2}",
            });
        return input.Length > ShownBytes ? text.Append($"... ({input.Length - ShownBytes} more)").ToString() : text.ToString();
    }
}
