using System.Text;

namespace Personality.Fuzz;

/// <summary>
/// Mutations that know the text formats: the characters that mean something to a line table, a
/// shell assignment, a command line or YAML; invalid UTF-8; very long lines; deep nesting; aliases.
/// </summary>
public static class TextMutations
{
    private static readonly byte[][] Tokens =
    [
        .. new[]
        {
            "\t", " ", "\n", "\r\n", "\r", "\"", "'", "\\", "\\\n", "#", "=", "$", "${", "$(", "`", ";", ",", "/",
            "//", "..", "./", "\\040", "\\011", "\\", ":", ": ", "- ", "-", "[", "]", "{", "}", "&a ", "*a", "&",
            "*", "!", "!!binary ", "!!map ", "!<tag:x> ", "<<: *a\n", "|\n", ">-\n", "---\n", "...\n", "%YAML 1.1\n",
            "? ", "~", "null", "yes", "no", "true", "0x1F", "0o17", "-1", "99999999999999999999", "1e999", ".nan",
            "0640", "root:root", "LABEL=", "UUID=", "PARTUUID=", "none", "tmpfs", "defaults,", "empty ", "dirs ",
            "files ", "READONLY=", "RW_MOUNT=", "export ", "personality.", "personality.debug", "readonlyroot",
            "noreadonlyroot", "version: 1\n", "role: app\n", "path: ", "source: ", "how: bind", "mode: ",
            "owner: ", "services:\n", "on: ", "hooks:\n  - run: x\n", "timeout: 99999999h", "\u00A0", "\u200B",
            "\uFEFF", "\u2028",
        }.Select(Encoding.UTF8.GetBytes),
        [0], [0xFF], [0xC3], [0xC3, 0x28], [0xED, 0xA0, 0x80], [0xF4, 0x90, 0x80, 0x80], [0xE2, 0x82], [0xC0, 0xAF],
    ];

    public static void Apply(Random random, List<byte> input)
    {
        var at = random.Next(input.Count + 1);
        switch (random.Next(8))
        {
            case 0: case 1: case 2: input.InsertRange(at, Tokens[random.Next(Tokens.Length)]); break;
            case 3: input.InsertRange(at, Repeat(Tokens[random.Next(Tokens.Length)], 2 + random.Next(64))); break;
            case 4: input.InsertRange(at, Repeat([(byte)"ax/ \t\"["[random.Next(7)]], 1000 + random.Next(60_000))); break;
            case 5: input.InsertRange(at, Nesting(random)); break;
            case 6: input.InsertRange(at, AliasChain(random)); break;
            default: DuplicateLine(random, input, at); break;
        }
    }

    private static byte[] Repeat(byte[] token, int times)
    {
        var result = new byte[token.Length * times];
        for (var i = 0; i < times; i++)
            token.CopyTo(result, i * token.Length);
        return result;
    }

    // Flow and block nesting thousands deep: a recursive parser must not overflow its stack.
    private static byte[] Nesting(Random random)
    {
        var depth = 10 + random.Next(random.Next(2) == 0 ? 100 : 20_000);
        var text = random.Next(3) switch
        {
            0 => new string('[', depth) + new string(']', depth),
            1 => string.Concat(Enumerable.Repeat("{a: ", depth)) + new string('}', depth),
            _ => string.Concat(Enumerable.Range(0, Math.Min(depth, 2000)).Select(i => new string(' ', i) + "- \n")),
        };
        return Encoding.UTF8.GetBytes(text);
    }

    // "Billion laughs": each anchor's list repeats the previous alias; expanding them is exponential.
    private static byte[] AliasChain(Random random)
    {
        var text = new StringBuilder("\nx0: &a0 [lol, lol, lol, lol, lol, lol, lol, lol, lol]\n");
        var levels = 2 + random.Next(10);
        for (var i = 1; i < levels; i++)
            text.Append($"x{i}: &a{i} [{string.Join(", ", Enumerable.Repeat($"*a{i - 1}", 9))}]\n");
        return Encoding.UTF8.GetBytes(text.ToString());
    }

    private static void DuplicateLine(Random random, List<byte> input, int at)
    {
        var start = input.LastIndexOf((byte)'\n', Math.Max(0, at - 1)) + 1;
        var end = input.IndexOf((byte)'\n', Math.Min(at, input.Count));
        if (end < 0) end = input.Count;
        var line = input.GetRange(start, end - start).Append((byte)'\n').ToArray();
        input.InsertRange(start, Repeat(line, 1 + random.Next(random.Next(2) == 0 ? 4 : 2000)));
    }
}
