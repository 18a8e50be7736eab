using System.Globalization;
using Personality.Manifests;
using Personality.Manifests.Yaml;

namespace Personality.Items.Hooks;

/// <summary>Checks <c>hooks:</c>: the program on the volume and its timeout (1s to 10m: boot must never hang).</summary>
internal static class HooksReader
{
    public static IReadOnlyList<HookEntry> Read(List<HookDto>? list, ManifestValues values)
    {
        var at = values.At;
        var result = new List<HookEntry>();
        for (var i = 0; i < (list?.Count ?? 0); i++)
        {
            var item = NodePositions.Item("hooks", i);
            if (values.Item(list![i], item, "hooks") is not { } dto) continue;
            var ok = true;

            string? run = null;
            if (values.Required(dto.Run, item, "run", "a hook", "the program on the volume, e.g. 'run: hooks/10-warm-cache.sh'") is { } r)
            {
                if (ValueSyntax.TryRelativePath(r, out var normalised, out var problem)) run = normalised;
                else values.Error(at.Node($"{item}.run"), $"bad hook program: {problem}", "a hook is a program on this volume, relative to its root");
            }
            ok &= run is not null;

            var timeout = HookEntry.DefaultTimeout;
            if (values.Optional(dto.Timeout, $"{item}.timeout") is { } t)
            {
                if (!TryTimeout(t, out timeout))
                {
                    values.Error(at.Node($"{item}.timeout"), $"bad timeout '{t}'", "write seconds (30 or 30s) or minutes (5m), at most 10m");
                    ok = false;
                }
                else if (timeout <= TimeSpan.Zero)
                {
                    values.Error(at.Node($"{item}.timeout"), $"timeout '{t}' is zero", "a hook needs at least 1s");
                    ok = false;
                }
                else if (timeout > HookEntry.MaxTimeout)
                {
                    values.Error(at.Node($"{item}.timeout"), $"timeout '{t}' is longer than the limit of 10m", "boot must never hang: at most 10m (600s)");
                    ok = false;
                }
            }

            if (ok) result.Add(new HookEntry(run!, timeout, at.Node(item)));
        }
        return result;
    }

    /// <summary>"30", "30s" (seconds) or "5m" (minutes).</summary>
    private static bool TryTimeout(string text, out TimeSpan timeout)
    {
        timeout = TimeSpan.Zero;
        var unit = text.Length > 0 ? text[^1] : ' ';
        var digits = unit is 's' or 'm' ? text[..^1] : text;
        if (digits.Length is 0 or > 6 || !digits.All(char.IsAsciiDigit)) return false;
        var n = int.Parse(digits, CultureInfo.InvariantCulture);
        timeout = unit == 'm' ? TimeSpan.FromMinutes(n) : TimeSpan.FromSeconds(n);
        return true;
    }
}
