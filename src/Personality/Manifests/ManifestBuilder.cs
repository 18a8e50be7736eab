using Personality.Core;
using Personality.Items;
using Personality.Manifests.Yaml;

namespace Personality.Manifests;

/// <summary>
/// Turns the deserialized DTO into the immutable <see cref="Manifest"/>: checks the document's own
/// keys (version, role, personality, hostname), then lets each item kind read its key, in
/// <see cref="ItemKinds.All"/> order. Every problem is reported with the line:column recorded by the scanner.
/// </summary>
internal sealed class ManifestBuilder(ManifestValues values)
{
    private static readonly string[] Roles = ["host", "app"];

    private NodePositions At => values.At;

    public Manifest? Build(ManifestDto dto)
    {
        CheckVersion(dto.Version);
        var role = ReadRole(dto.Role);

        var personality = values.Optional(dto.Personality, "personality");
        if (personality is not null && !ValueSyntax.IsPersonalityName(personality))
            Error(At.Node("personality"), $"'{personality}' is not a valid personality name",
                "use letters, digits, '.', '_' and '-' (at most 64), starting with a letter or digit");
        var hostname = values.Optional(dto.Hostname, "hostname");
        if (hostname is not null && !ValueSyntax.IsHostname(hostname))
            Error(At.Node("hostname"), $"'{hostname}' is not a valid hostname",
                "at most 64 characters: dot-separated labels of letters, digits and '-', not starting or ending with '-'");

        if (role == Role.Host && At.Has("personality"))
            Error(At.Key("personality"), "'personality' belongs in the app manifest, not a host one",
                "remove it, or set 'role: app' if this is the application volume");
        if (role == Role.App && At.Has("hostname"))
            Error(At.Key("hostname"), "'hostname' belongs in the host manifest, not an app one",
                "the host configuration volume sets the hostname; remove it here");
        if (role == Role.App && !At.Has("personality") && !values.Reported("personality"))
            Error(At.Root, "an app manifest needs 'personality'", "name the personality, e.g. 'personality: web'");

        foreach (var kind in ItemKinds.All)
            if (kind.OnlyIn is { } only && role is { } mine && mine != only && At.Has(kind.Key))
                Error(At.Key(kind.Key), $"'{kind.Key}' belongs in the {Name(only)} manifest, not {(mine == Role.App ? "an app" : "a host")} one",
                    $"the {Name(only)} configuration volume sets it; remove it here");

        var items = new Dictionary<IItemKind, object>();
        foreach (var kind in ItemKinds.All) items.Add(kind, kind.Read(dto, values));

        if (values.Errors > 0 || role is not { } r) return null;
        return new Manifest(r,
            r == Role.App ? personality : null,
            r == Role.Host ? hostname : null,
            r == Role.Host && hostname is not null ? At.Key("hostname") : null,
            At.Root)
        {
            RoleOrigin = At.Key("role"),
            ItemsByKind = items,
        };
    }

    private void CheckVersion(string? version)
    {
        if (values.Reported("version")) return;
        if (!At.Has("version"))
            Error(At.Root, "'version' is missing", "start the file with 'version: 1'");
        else if (version is null)
            Error(At.Key("version"), "'version' has no value", "write 'version: 1'");
        else if (version != "1")
            Error(At.Node("version"), $"unsupported version '{version}'", "this personality reads version 1; write 'version: 1'");
    }

    private Role? ReadRole(string? text)
    {
        if (values.Reported("role")) return null;
        if (!At.Has("role")) { Error(At.Root, "'role' is missing", "add 'role: host' or 'role: app'"); return null; }
        switch (text)
        {
            case null: Error(At.Key("role"), "'role' has no value", "write 'role: host' or 'role: app'"); return null;
            case "host": return Role.Host;
            case "app": return Role.App;
        }
        var closest = Spelling.Closest(text, Roles);
        Error(At.Node("role"), $"unknown role '{text}'",
            closest is null ? "a role is 'host' or 'app'" : $"did you mean '{closest}'? A role is 'host' or 'app'");
        return null;
    }

    private static string Name(Role role) => role.ToString().ToLowerInvariant();

    private void Error(Origin origin, string message, string? hint) => values.Error(origin, message, hint);
}
