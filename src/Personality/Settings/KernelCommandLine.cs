namespace Personality.Settings;

/// <summary>Splits /proc/cmdline into words the way the kernel does: whitespace, double quotes.</summary>
public static class KernelCommandLine
{
    public static IReadOnlyList<string> Words(string cmdline)
    {
        var words = new List<string>();
        var current = new System.Text.StringBuilder();
        var quoted = false;
        var any = false;
        foreach (var c in cmdline)
        {
            if (c == '"') { quoted = !quoted; any = true; continue; }
            if (!quoted && char.IsWhiteSpace(c))
            {
                if (any) words.Add(current.ToString());
                current.Clear();
                any = false;
                continue;
            }
            current.Append(c);
            any = true;
        }
        if (any) words.Add(current.ToString());
        // Words after a lone "--" belong to init, not to the kernel.
        var end = words.IndexOf("--");
        return end < 0 ? words : words.GetRange(0, end);
    }
}
