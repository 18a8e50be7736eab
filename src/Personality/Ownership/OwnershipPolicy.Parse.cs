using Personality.Core;
using Personality.Files;
using Personality.Manifests;
using Personality.Manifests.Yaml;

namespace Personality.Ownership;

public sealed partial class OwnershipPolicy
{
    /// <summary>Where the OS image keeps its policy.</summary>
    public const string GuestFile = "/etc/personality/ownership.yaml";

    /// <summary>The same limit as for manifests.</summary>
    public const long MaxBytes = ManifestReader.MaxBytes;

    /// <summary>
    /// Reads <paramref name="hostFile"/>, shown in messages as <paramref name="shownAs"/> (the guest path,
    /// e.g. <see cref="GuestFile"/>). <see cref="Default"/> when there is no such file; null (with every
    /// problem in <paramref name="diagnostics"/>) when it has errors.
    /// </summary>
    public static OwnershipPolicy? Read(string hostFile, string shownAs, Diagnostics diagnostics)
    {
        // The file is part of the OS image (trusted, unlike a config volume): a symlink is followed.
        var text = BoundedFile.Read(hostFile, MaxBytes, Origin.Of(shownAs), followSymlinks: true, diagnostics, out var missing);
        if (missing) return Default;
        return text is null ? null : Parse(text, shownAs, diagnostics);
    }

    /// <summary>Parses an ownership.yaml (version 1); null with every problem reported when it has errors.</summary>
    public static OwnershipPolicy? Parse(string text, string shownAs, Diagnostics diagnostics)
    {
        if (!BoundedFile.WithinLimit(text, MaxBytes, Origin.Of(shownAs), diagnostics)) return null;
        if (StaticYaml.Read<OwnershipDto>(text, shownAs, OwnershipSchema.Root, diagnostics) is not var (dto, at, structuralErrors)) return null;
        // Values are checked even after structural errors, so one run reports both; such a policy is never used.
        var policy = new PolicyBuilder(at, diagnostics).Build(dto, shownAs);
        return structuralErrors > 0 ? null : policy;
    }

    private sealed class PolicyBuilder(NodePositions at, Diagnostics diagnostics)
    {
        private int _errors;

        public OwnershipPolicy? Build(OwnershipDto dto, string shownAs)
        {
            if (at.WasReported("version"))
            {
                // misspelt or of the wrong shape: reported by the scanner
            }
            else if (!at.Has("version"))
                Error(at.Root, "'version' is missing", "start the file with 'version: 1'");
            else if (dto.Version != "1")
                Error(at.Node("version"), dto.Version is null ? "'version' has no value" : $"unsupported version '{dto.Version}'",
                    "this personality reads version 1; write 'version: 1'");

            var builtIn = Origin.Of(BuiltInName);
            var forbidden = BuiltInForbidden.Select(p => new Entry(p, builtIn)).ToList();
            for (var i = 0; i < (dto.Forbidden?.Count ?? 0); i++)
            {
                var path = NodePositions.Item("forbidden", i);
                if (Path(dto.Forbidden![i], path, allowRoot: true) is { } p && !forbidden.Exists(f => f.Value == p))
                    forbidden.Add(new Entry(p, at.Node(path)));
            }

            var host = ReadRole(dto.Roles?.Host, Role.Host, forbidden);
            var app = ReadRole(dto.Roles?.App, Role.App, forbidden);
            CheckShared(host, app);

            return _errors > 0 ? null : new OwnershipPolicy(new Origin(shownAs, at.Root.Line), host, app, forbidden);
        }

        private RoleRules ReadRole(RoleOwnershipDto? dto, Role role, List<Entry> forbidden)
        {
            if (dto is null) return RoleRules.Nothing(role);
            var prefix = $"roles.{Name(role)}";

            var paths = new List<Entry>();
            Origin? rest = null;
            for (var i = 0; i < (dto.Paths?.Count ?? 0); i++)
            {
                var item = NodePositions.Item($"{prefix}.paths", i);
                var origin = at.Node(item);
                if (dto.Paths![i] == "*") { rest ??= origin; continue; }
                if (Path(dto.Paths[i], item, allowRoot: false) is not { } p) continue;
                var forbiddenEntry = forbidden.Find(f => f.Value == "/" ? p == "/" : GuestPath.IsAtOrBelow(p, f.Value));
                if (forbiddenEntry is not null)
                    Error(origin, $"{p} is forbidden (by {forbiddenEntry.Origin}), so no role can own it", "remove it from the role's paths");
                else if (paths.Find(e => e.Value == p) is { } twice)
                    Error(origin, $"{p} is listed twice", $"the first is at {twice.Origin}; keep one");
                else
                    paths.Add(new Entry(p, origin));
            }

            var services = new List<Entry>();
            Origin? all = null;
            for (var i = 0; i < (dto.Services?.Count ?? 0); i++)
            {
                var item = NodePositions.Item($"{prefix}.services", i);
                var origin = at.Node(item);
                var name = dto.Services![i];
                if (name == "*") { all ??= origin; continue; }
                if (name is null && at.WasReported(item)) continue; // its wrong shape is reported already
                if (name is null || !ValueSyntax.IsServiceName(name))
                    Error(origin, name is null ? "an empty service name" : $"bad service name '{name}'", "a service is the name of an init script or unit, or \"*\" for every other service");
                else if (services.Find(e => e.Value == name) is { } twice)
                    Error(origin, $"service '{name}' is listed twice", $"the first is at {twice.Origin}; keep one");
                else
                    services.Add(new Entry(name, origin));
            }

            Origin? hostname = null;
            var hostnamePath = $"{prefix}.hostname";
            if (at.Has(hostnamePath) && !at.WasReported(hostnamePath))
            {
                switch (dto.Hostname)
                {
                    case "true": hostname = at.Key(hostnamePath); break;
                    case "false": break;
                    default:
                        Error(at.Node(hostnamePath), dto.Hostname is null ? "'hostname' has no value" : $"'hostname' must be true or false, not '{dto.Hostname}'",
                            "write 'hostname: true' for the role that sets the hostname");
                        break;
                }
            }
            Origin? noHooks = null;
            var hooksPath = $"{prefix}.hooks";
            if (at.Has(hooksPath) && !at.WasReported(hooksPath))
            {
                switch (dto.Hooks)
                {
                    case "true": break;
                    case "false": noHooks = at.Key(hooksPath); break;
                    default:
                        Error(at.Node(hooksPath), dto.Hooks is null ? "'hooks' has no value" : $"'hooks' must be true or false, not '{dto.Hooks}'",
                            "write 'hooks: false' to keep this role's volume from running programs at boot");
                        break;
                }
            }
            return new RoleRules(role, paths, rest, services, all, hostname) { NoHooks = noHooks };
        }

        private void CheckShared(RoleRules host, RoleRules app)
        {
            foreach (var a in app.Paths)
                if (host.Paths.FirstOrDefault(h => h.Value == a.Value) is { } h)
                    Error(a.Origin, $"{h.Origin} and {a.Origin} both give {a.Value} to a role", "give each path to one role; a longer path may go to the other role");
            foreach (var a in app.Services)
                if (host.Services.FirstOrDefault(h => h.Value == a.Value) is { } h)
                    Error(a.Origin, $"{h.Origin} and {a.Origin} both give service '{a.Value}' to a role", "give each service to one role");
            if (host.Rest is { } hr && app.Rest is { } ar)
                Error(ar, $"{hr} and {ar} both give the rest of the paths (\"*\") to a role", "only one role may own \"*\"");
            if (host.AllServices is { } hs && app.AllServices is { } aps)
                Error(aps, $"{hs} and {aps} both give the rest of the services (\"*\") to a role", "only one role may own \"*\"");
            if (host.Hostname is { } hh && app.Hostname is { } ah)
                Error(ah, $"{hh} and {ah} both let a role set the hostname", "only one role may set the hostname");
        }

        private string? Path(string? text, string path, bool allowRoot)
        {
            var origin = at.Node(path);
            if (text is null)
            {
                if (!at.WasReported(path)) Error(origin, "an empty path", "write an absolute path, e.g. /etc/ssh");
                return null;
            }
            if (!GuestPath.TryNormalise(text, out var normalised, out var problem)) { Error(origin, $"bad path: {problem}", null); return null; }
            if (normalised == "/" && !allowRoot) { Error(origin, "a role cannot own /", "write \"*\" to give a role every path no other role owns"); return null; }
            return normalised;
        }

        private void Error(Origin origin, string message, string? hint)
        {
            _errors++;
            diagnostics.Error(message, origin, hint);
        }
    }
}
