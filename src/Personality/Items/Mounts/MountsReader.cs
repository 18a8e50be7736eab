using Personality.Manifests;
using Personality.Manifests.Yaml;
using Personality.Steps;

namespace Personality.Items.Mounts;

/// <summary>Checks <c>mounts:</c>: the volume label, the target path and each option.</summary>
internal static class MountsReader
{
    public static IReadOnlyList<MountEntry> Read(List<MountDto>? list, ManifestValues values)
    {
        var at = values.At;
        var result = new List<MountEntry>();
        for (var i = 0; i < (list?.Count ?? 0); i++)
        {
            var item = NodePositions.Item("mounts", i);
            if (values.Item(list![i], item, "mounts") is not { } dto) continue;
            var ok = true;

            var label = values.Required(dto.Label, item, "label", "a mount", "the filesystem label of the volume to mount, e.g. 'label: WEBAPP'");
            if (label is not null && !IsVolumeLabel(label))
            {
                values.Error(at.Node($"{item}.label"), $"bad volume label '{label}'", "a label is printable text without '/' or surrounding spaces");
                ok = false;
            }
            ok &= label is not null;

            var target = values.Required(dto.Path, item, "path", "a mount", "the absolute guest path to mount on, e.g. 'path: /opt/web'") is { } p
                ? values.Target(p, $"{item}.path", "mount path") : null;
            ok &= target is not null;

            var options = new List<string>();
            for (var j = 0; j < (dto.Options?.Count ?? 0); j++)
            {
                var optionPath = NodePositions.Item($"{item}.options", j);
                var option = dto.Options![j];
                if (option is null && values.Reported(optionPath)) { ok = false; continue; }
                if (option is null || !IsMountOption(option))
                {
                    values.Error(at.Node(optionPath), option is null ? "an empty mount option" : $"bad mount option '{option}'",
                        "one option per list item, without commas or spaces, e.g. options: [ro, nodev, nosuid]");
                    ok = false;
                }
                else
                {
                    // Any volume filesystem may carry the label. Only a warning: the kernel has the last word at boot.
                    foreach (var (_, message, hint) in MountOptionNames.Unknown([option], fsType: null))
                        values.Warn(at.Node(optionPath), message, hint);
                    options.Add(option);
                }
            }

            if (ok) result.Add(new MountEntry(label!, target!, options, at.Node(item)));
        }
        return result;
    }

    /// <summary>A filesystem label as written in a manifest: printable, no '/', no surrounding spaces.</summary>
    private static bool IsVolumeLabel(string text) =>
        text.Length is > 0 and <= 255 && text.Trim() == text && !text.Any(c => char.IsControl(c) || c == '/');

    /// <summary>One mount option ("ro", "mode=0755"): no commas, spaces or control characters.</summary>
    private static bool IsMountOption(string text) =>
        text.Length is > 0 and <= 255 && !text.Any(c => char.IsControl(c) || char.IsWhiteSpace(c) || c == ',');
}
