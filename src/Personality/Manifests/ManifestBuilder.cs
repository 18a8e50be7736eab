using Personality.Core;
using Personality.Manifests.Yaml;

namespace Personality.Manifests;

/// <summary>
/// Turns the deserialized DTO into the immutable <see cref="Manifest"/>, checking every value and
/// reporting every problem with the line:column recorded by the scanner.
/// </summary>
internal sealed class ManifestBuilder(NodePositions at, Diagnostics diagnostics)
{
    private static readonly string[] Roles = ["host", "app"];
    private static readonly string[] Hows = ["copy", "bind"];

    private readonly Dictionary<string, (Origin Origin, string What)> _targets = new(StringComparer.Ordinal);
    private int _errors;

    public Manifest? Build(ManifestDto dto)
    {
        CheckVersion(dto.Version);
        var role = ReadRole(dto.Role);

        var personality = Optional(dto.Personality, "personality");
        if (personality is not null && !ValueSyntax.IsPersonalityName(personality))
            Error(at.Node("personality"), $"'{personality}' is not a valid personality name",
                "use letters, digits, '.', '_' and '-' (at most 64), starting with a letter or digit");
        var hostname = Optional(dto.Hostname, "hostname");
        if (hostname is not null && !ValueSyntax.IsHostname(hostname))
            Error(at.Node("hostname"), $"'{hostname}' is not a valid hostname",
                "at most 64 characters: dot-separated labels of letters, digits and '-', not starting or ending with '-'");

        if (role == Role.Host && at.Has("personality"))
            Error(at.Key("personality"), "'personality' belongs in the app manifest, not a host one",
                "remove it, or set 'role: app' if this is the application volume");
        if (role == Role.App && at.Has("hostname"))
            Error(at.Key("hostname"), "'hostname' belongs in the host manifest, not an app one",
                "the host configuration volume sets the hostname; remove it here");
        if (role == Role.App && !at.Has("personality"))
            Error(at.Root, "an app manifest needs 'personality'", "name the personality, e.g. 'personality: web'");

        var state = ReadState(dto.State);
        var files = ReadFiles(dto.Files);
        var mounts = ReadMounts(dto.Mounts);
        var services = ReadServices(dto.Services);
        var hooks = ReadHooks(dto.Hooks);

        if (_errors > 0 || role is not { } r) return null;
        return new Manifest(r,
            r == Role.App ? personality : null,
            r == Role.Host ? hostname : null,
            r == Role.Host && hostname is not null ? at.Key("hostname") : null,
            state, files, mounts, services, hooks, at.Root)
        {
            RoleOrigin = at.Key("role"),
        };
    }

    private void CheckVersion(string? version)
    {
        if (!at.Has("version"))
            Error(at.Root, "'version' is missing", "start the file with 'version: 1'");
        else if (version is null)
            Error(at.Key("version"), "'version' has no value", "write 'version: 1'");
        else if (version != "1")
            Error(at.Node("version"), $"unsupported version '{version}'", "this personality reads version 1; write 'version: 1'");
    }

    private Role? ReadRole(string? text)
    {
        if (!at.Has("role")) { Error(at.Root, "'role' is missing", "add 'role: host' or 'role: app'"); return null; }
        switch (text)
        {
            case null: Error(at.Key("role"), "'role' has no value", "write 'role: host' or 'role: app'"); return null;
            case "host": return Role.Host;
            case "app": return Role.App;
        }
        var closest = Spelling.Closest(text, Roles);
        Error(at.Node("role"), $"unknown role '{text}'",
            closest is null ? "a role is 'host' or 'app'" : $"did you mean '{closest}'? A role is 'host' or 'app'");
        return null;
    }

    private List<StateEntry> ReadState(List<string>? list)
    {
        var result = new List<StateEntry>();
        for (var i = 0; i < (list?.Count ?? 0); i++)
        {
            var path = NodePositions.Item("state", i);
            if (Target(list![i], path, "state path") is { } target) result.Add(new StateEntry(target, at.Node(path)));
        }
        return result;
    }

    private List<FileEntry> ReadFiles(List<FileDto>? list)
    {
        var result = new List<FileEntry>();
        for (var i = 0; i < (list?.Count ?? 0); i++)
        {
            var item = NodePositions.Item("files", i);
            if (Item(list![i], item, "files") is not { } dto) continue;
            var origin = at.Node(item);
            var ok = true;

            var target = Required(dto.Path, item, "path", "a file entry", "the absolute guest path, e.g. 'path: /etc/web/app.conf'") is { } p
                ? Target(p, $"{item}.path", "file path") : null;
            ok &= target is not null;

            string? source = null;
            if (Required(dto.Source, item, "source", "a file entry", "the file on the volume, e.g. 'source: files/app.conf'") is { } s)
            {
                if (ValueSyntax.TryRelativePath(s, out var normalised, out var problem)) source = normalised;
                else Error(at.Node($"{item}.source"), $"bad source: {problem}", "the source is a file on this volume, relative to its root");
            }
            ok &= source is not null;

            int? mode = null;
            if (Optional(dto.Mode, $"{item}.mode") is { } m)
            {
                if (!ValueSyntax.TryMode(m, out var bits))
                    Error(at.Node($"{item}.mode"), $"bad mode '{m}'", "write 3 or 4 octal digits in quotes, e.g. mode: \"0640\"");
                else if ((bits & 0b110_000_000_000) != 0)
                    Error(at.Node($"{item}.mode"), $"mode '{m}' sets the set-user-ID or set-group-ID bit",
                        "a config volume may not install set-user-ID or set-group-ID files");
                else mode = bits;
                ok &= mode is not null;
            }

            var owner = Optional(dto.Owner, $"{item}.owner");
            if (owner is not null && !ValueSyntax.IsOwner(owner))
            {
                Error(at.Node($"{item}.owner"), $"bad owner '{owner}'", "write user or user:group, as names or numbers, e.g. owner: root:apache");
                ok = false;
            }

            var how = FileHow.Copy;
            if (Optional(dto.How, $"{item}.how") is { } h)
            {
                if (h == "bind") how = FileHow.Bind;
                else if (h != "copy")
                {
                    var closest = Spelling.Closest(h, Hows);
                    Error(at.Node($"{item}.how"), $"unknown 'how' value '{h}'",
                        closest is null ? "'how' is copy (the default) or bind" : $"did you mean '{closest}'? 'how' is copy (the default) or bind");
                    ok = false;
                }
            }

            if (ok) result.Add(new FileEntry(target!, source!, mode, owner, how, origin));
        }
        return result;
    }

    private List<MountEntry> ReadMounts(List<MountDto>? list)
    {
        var result = new List<MountEntry>();
        for (var i = 0; i < (list?.Count ?? 0); i++)
        {
            var item = NodePositions.Item("mounts", i);
            if (Item(list![i], item, "mounts") is not { } dto) continue;
            var ok = true;

            var label = Required(dto.Label, item, "label", "a mount", "the filesystem label of the volume to mount, e.g. 'label: WEBAPP'");
            if (label is not null && !ValueSyntax.IsVolumeLabel(label))
            {
                Error(at.Node($"{item}.label"), $"bad volume label '{label}'", "a label is printable text without '/' or surrounding spaces");
                ok = false;
            }
            ok &= label is not null;

            var target = Required(dto.Path, item, "path", "a mount", "the absolute guest path to mount on, e.g. 'path: /opt/web'") is { } p
                ? Target(p, $"{item}.path", "mount path") : null;
            ok &= target is not null;

            var options = new List<string>();
            for (var j = 0; j < (dto.Options?.Count ?? 0); j++)
            {
                var optionPath = NodePositions.Item($"{item}.options", j);
                var option = dto.Options![j];
                if (option is null || !ValueSyntax.IsMountOption(option))
                {
                    Error(at.Node(optionPath), option is null ? "an empty mount option" : $"bad mount option '{option}'",
                        "one option per list item, without commas or spaces, e.g. options: [ro, nodev, nosuid]");
                    ok = false;
                }
                else options.Add(option);
            }

            if (ok) result.Add(new MountEntry(label!, target!, options, at.Node(item)));
        }
        return result;
    }

    private ServiceSettings ReadServices(ServicesDto? dto)
    {
        if (dto is null) return ServiceSettings.None;
        var on = ReadServiceList(dto.On, "services.on", null);
        var off = ReadServiceList(dto.Off, "services.off", on);
        var levels = Optional(dto.Levels, "services.levels");
        if (levels is not null && !ValueSyntax.IsLevels(levels))
        {
            Error(at.Node("services.levels"), $"bad run levels '{levels}'", "write digits 0-6, each once, in quotes, e.g. levels: \"345\"");
            levels = null;
        }
        return new ServiceSettings(on, off, levels ?? ServiceSettings.DefaultLevels);
    }

    private List<ServiceEntry> ReadServiceList(List<string>? list, string path, List<ServiceEntry>? on)
    {
        var result = new List<ServiceEntry>();
        var seen = new Dictionary<string, Origin>(StringComparer.Ordinal);
        for (var i = 0; i < (list?.Count ?? 0); i++)
        {
            var item = NodePositions.Item(path, i);
            var origin = at.Node(item);
            var name = list![i];
            if (name is null || !ValueSyntax.IsServiceName(name))
            {
                Error(origin, name is null ? "an empty service name" : $"bad service name '{name}'",
                    "a service is the name of an init script or unit, e.g. httpd");
                continue;
            }
            if (seen.TryGetValue(name, out var first))
            {
                Error(origin, $"service '{name}' is listed twice", $"the first is at {first}; keep one");
                continue;
            }
            if (on?.Find(s => s.Name == name) is { } alsoOn)
            {
                Error(origin, $"service '{name}' is both on ({alsoOn.Origin}) and off", "keep it in one list");
                continue;
            }
            seen.Add(name, origin);
            result.Add(new ServiceEntry(name, origin));
        }
        return result;
    }

    private List<HookEntry> ReadHooks(List<HookDto>? list)
    {
        var result = new List<HookEntry>();
        for (var i = 0; i < (list?.Count ?? 0); i++)
        {
            var item = NodePositions.Item("hooks", i);
            if (Item(list![i], item, "hooks") is not { } dto) continue;
            var ok = true;

            string? run = null;
            if (Required(dto.Run, item, "run", "a hook", "the program on the volume, e.g. 'run: hooks/10-warm-cache.sh'") is { } r)
            {
                if (ValueSyntax.TryRelativePath(r, out var normalised, out var problem)) run = normalised;
                else Error(at.Node($"{item}.run"), $"bad hook program: {problem}", "a hook is a program on this volume, relative to its root");
            }
            ok &= run is not null;

            var timeout = HookEntry.DefaultTimeout;
            if (Optional(dto.Timeout, $"{item}.timeout") is { } t)
            {
                if (!ValueSyntax.TryTimeout(t, out timeout))
                {
                    Error(at.Node($"{item}.timeout"), $"bad timeout '{t}'", "write seconds (30 or 30s) or minutes (5m), at most 10m");
                    ok = false;
                }
                else if (timeout <= TimeSpan.Zero)
                {
                    Error(at.Node($"{item}.timeout"), $"timeout '{t}' is zero", "a hook needs at least 1s");
                    ok = false;
                }
                else if (timeout > HookEntry.MaxTimeout)
                {
                    Error(at.Node($"{item}.timeout"), $"timeout '{t}' is longer than the limit of 10m", "boot must never hang: at most 10m (600s)");
                    ok = false;
                }
            }

            if (ok) result.Add(new HookEntry(run!, timeout, at.Node(item)));
        }
        return result;
    }

    /// <summary>A list item that must be a mapping: null (with an error) when it is empty.</summary>
    private T? Item<T>(T? dto, string item, string list) where T : class
    {
        if (dto is null) Error(at.Node(item), $"an empty item in '{list}'", "remove the lone '-', or fill it in");
        return dto;
    }

    /// <summary>A value that may be left out, but not written with nothing after the colon.</summary>
    private string? Optional(string? value, string path)
    {
        if (value is null && at.Has(path))
            Error(at.Key(path), $"'{Last(path)}' has no value", "give it a value, or remove the line");
        return value;
    }

    private string? Required(string? value, string item, string key, string what, string hint)
    {
        var path = NodePositions.Child(item, key);
        if (value is not null) return value;
        if (at.Has(path)) Error(at.Key(path), $"'{key}' has no value", hint);
        else Error(at.Node(item), $"{what} needs '{key}'", hint);
        return null;
    }

    /// <summary>A target guest path, normalised, and used once in this manifest.</summary>
    private string? Target(string? text, string path, string what)
    {
        var origin = at.Node(path);
        if (text is null)
        {
            Error(origin, $"an empty {what}", "write an absolute path, e.g. /var/lib/web");
            return null;
        }
        if (!GuestPath.TryNormalise(text, out var normalised, out var problem))
        {
            Error(origin, $"bad {what}: {problem}", null);
            return null;
        }
        if (_targets.TryGetValue(normalised, out var first))
        {
            Error(origin, $"{normalised} is already used by the {first.What} at {first.Origin}", "give each target path once");
            return null;
        }
        _targets.Add(normalised, (origin, what));
        return normalised;
    }

    private static string Last(string path) => path[(path.LastIndexOf('.') + 1)..];

    private void Error(Origin origin, string message, string? hint)
    {
        _errors++;
        diagnostics.Error(message, origin, hint);
    }
}
