using Personality.Core;
using Personality.Manifests;
using Personality.Manifests.Yaml;
using Personality.Steps;

namespace Personality.Items.Files;

/// <summary>Checks <c>files:</c>: target path, source on the volume, mode, owner and how, each reported where it is written.</summary>
internal static class FilesReader
{
    private static readonly string[] Hows = ["copy", "bind"];

    public static IReadOnlyList<FileEntry> Read(List<FileDto>? list, ManifestValues values)
    {
        var at = values.At;
        var result = new List<FileEntry>();
        for (var i = 0; i < (list?.Count ?? 0); i++)
        {
            var item = NodePositions.Item("files", i);
            if (values.Item(list![i], item, "files") is not { } dto) continue;
            var origin = at.Node(item);
            var ok = true;

            var target = values.Required(dto.Path, item, "path", "a file entry", "the absolute guest path, e.g. 'path: /etc/web/app.conf'") is { } p
                ? values.Target(p, $"{item}.path", "file path") : null;
            ok &= target is not null;

            string? source = null;
            if (values.Required(dto.Source, item, "source", "a file entry", "the file on the volume, e.g. 'source: files/app.conf'") is { } s)
            {
                if (ValueSyntax.TryRelativePath(s, out var normalised, out var problem)) source = normalised;
                else values.Error(at.Node($"{item}.source"), $"bad source: {problem}", "the source is a file on this volume, relative to its root");
            }
            ok &= source is not null;

            int? mode = null;
            if (values.Optional(dto.Mode, $"{item}.mode") is { } m)
            {
                if (!FileSyntax.TryMode(m, out var bits))
                    values.Error(at.Node($"{item}.mode"), $"bad mode '{m}'", "write 3 or 4 octal digits in quotes, e.g. mode: \"0640\"");
                else if ((bits & 0b110_000_000_000) != 0)
                    values.Error(at.Node($"{item}.mode"), $"mode '{m}' sets the set-user-ID or set-group-ID bit",
                        "a config volume may not install set-user-ID or set-group-ID files");
                else mode = bits;
                ok &= mode is not null;
            }

            var owner = values.Optional(dto.Owner, $"{item}.owner");
            if (owner is not null && !FileSyntax.IsOwner(owner))
            {
                values.Error(at.Node($"{item}.owner"), $"bad owner '{owner}'", "write user or user:group, as names or numbers, e.g. owner: root:apache");
                ok = false;
            }

            var how = FileHow.Copy;
            if (values.Optional(dto.How, $"{item}.how") is { } h)
            {
                if (h == "bind") how = FileHow.Bind;
                else if (h != "copy")
                {
                    var closest = Spelling.Closest(h, Hows);
                    values.Error(at.Node($"{item}.how"), $"unknown 'how' value '{h}'",
                        closest is null ? "'how' is copy (the default) or bind" : $"did you mean '{closest}'? 'how' is copy (the default) or bind");
                    ok = false;
                }
            }

            if (ok) result.Add(new FileEntry(target!, source!, mode, owner, how, origin));
        }
        return result;
    }
}
