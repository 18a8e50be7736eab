using Personality.Core;
using Personality.Manifests;

namespace Personality.Ownership;

public sealed partial class OwnershipPolicy
{
    /// <summary>
    /// Checks every claim of every role's manifest. An error (naming the claim's origin, and the other
    /// claim's for a conflict) for each claim that touches something forbidden (at, below, or covering a
    /// forbidden path), something its role does not own (or covering a path another role owns), and for
    /// two roles claiming one path (equal, or one inside the other), one service or the hostname.
    /// Returns the rejected claims: nothing is applied for them.
    /// </summary>
    /// <remarks>
    /// In a conflict the claim that breaks the policy is rejected and the other stands (the app volume
    /// claiming /etc/hosts does not take the host volume's /etc/hosts away); when both or neither break
    /// it, both are rejected. The conflict error then carries the ownership reason, so each problem is
    /// reported once. Linear in the claims: conflicts are found by walking each path's ancestors.
    /// </remarks>
    public IReadOnlySet<Claim> Check(IReadOnlyList<Claim> claims, Diagnostics diagnostics)
    {
        var rejected = new HashSet<Claim>();
        var found = new List<(int Index, Diagnostic Diagnostic)>();
        var values = new string[claims.Count];
        var excluded = new bool[claims.Count];              // forbidden or malformed: reported, out of conflicts
        var problems = new (string Message, string? Hint)?[claims.Count]; // ownership, not yet reported
        var inConflict = new bool[claims.Count];

        for (var i = 0; i < claims.Count; i++)
        {
            var claim = claims[i];
            values[i] = claim.Value;
            if (claim.Kind == ClaimKind.Path)
            {
                if (!GuestPath.TryNormalise(claim.Value, out var path, out var why))
                {
                    Reject(i, Diagnostic.Error($"bad path: {why}", claim.Origin));
                    excluded[i] = true;
                    continue;
                }
                values[i] = path;
                if (ForbiddenProblem(path) is { } forbidden)
                {
                    Reject(i, Diagnostic.Error(forbidden.Message, claim.Origin, forbidden.Hint));
                    excluded[i] = true;
                    continue;
                }
            }
            problems[i] = OwnershipProblem(claim.Role, claim.Kind, values[i]);
        }

        FindConflicts(claims, values, excluded, (i, j, message) =>
        {
            inConflict[i] = inConflict[j] = true;
            var (first, second) = (claims[i], claims[j]);
            string hint;
            if (problems[i] is null && problems[j] is null)
            {
                Reject(i, null);
                Reject(j, null);
                hint = "both are ignored: give it to one role only";
            }
            else if (problems[i] is { } pi && problems[j] is { } pj)
            {
                Reject(i, null);
                Reject(j, null);
                hint = $"both are ignored: {pi.Message}; {pj.Message}";
            }
            else
            {
                var loser = problems[i] is null ? j : i;
                Reject(loser, null);
                hint = $"{claims[loser].Origin} is ignored: {problems[loser]!.Value.Message}";
            }
            var at = rejected.Contains(second) ? second.Origin : first.Origin;
            found.Add((j, Diagnostic.Error(message, at, hint)));
        });

        for (var i = 0; i < claims.Count; i++)
            if (problems[i] is { } problem && !inConflict[i])
                Reject(i, Diagnostic.Error(problem.Message, claims[i].Origin, problem.Hint));

        // In the order of the claims, so the report reads like the manifests.
        foreach (var (_, diagnostic) in found.OrderBy(f => f.Index)) diagnostics.Add(diagnostic);
        return rejected;

        void Reject(int index, Diagnostic? diagnostic)
        {
            rejected.Add(claims[index]);
            if (diagnostic is not null) found.Add((index, diagnostic));
        }
    }

    private (string Message, string Hint)? ForbiddenProblem(string path)
    {
        if (ForbiddenAt(path) is { } at)
        {
            return at.Value == path
                ? ($"{path} is forbidden: no config volume may touch it", $"forbidden by {at.Origin}")
                : ($"{path} is forbidden: it is inside {at.Value}, which no config volume may touch", $"forbidden by {at.Origin}");
        }
        if (ForbiddenBelow(path) is { } below)
            return ($"{path} would cover {below.Value}, which no config volume may touch",
                $"claim a path inside it that leaves {below.Value} alone; forbidden by {below.Origin}");
        return null;
    }

    private (string Message, string? Hint)? OwnershipProblem(Role role, ClaimKind kind, string value)
    {
        var name = Name(role);
        switch (kind)
        {
            case ClaimKind.Path:
            {
                var (owner, origin) = OwnerOfPath(value);
                if (owner is null)
                    return ($"the {name} role may not touch {value}: no role owns it", $"see {origin}");
                if (owner != role)
                    return ($"the {name} role may not touch {value}: it belongs to the {Name(owner.Value)} role", $"owned by {origin}");
                if (OtherOwnerBelow(value, role) is { } other)
                    return ($"the {name} role may not touch {value}: it would cover {other.Entry.Value}, which belongs to the {Name(other.Role)} role",
                        $"claim paths inside it that leave {other.Entry.Value} alone; owned by {other.Entry.Origin}");
                return null;
            }
            case ClaimKind.Hook:
                return HooksForbidden(role) is { } where
                    ? ($"the {name} role may not run hooks", $"forbidden by {where}")
                    : null;
            case ClaimKind.Service:
            {
                var (owner, origin) = OwnerOfService(value);
                if (owner is null)
                    return ($"the {name} role may not switch service '{value}': no role owns it", $"see {origin}");
                if (owner != role)
                    return ($"the {name} role may not switch service '{value}': it belongs to the {Name(owner.Value)} role", $"owned by {origin}");
                return null;
            }
            default:
            {
                var (owner, origin) = OwnerOfHostname();
                if (owner is null)
                    return ($"the {name} role may not set the hostname: no role may", $"see {origin}");
                if (owner != role)
                    return ($"the {name} role may not set the hostname: it belongs to the {Name(owner.Value)} role", $"owned by {origin}");
                return null;
            }
        }
    }

    /// <summary>
    /// Calls <paramref name="report"/>(earlier, later, message) for claims of two different roles on one
    /// path (or one inside the other), one service, or the hostname. Each claim starts at most one report.
    /// </summary>
    private static void FindConflicts(IReadOnlyList<Claim> claims, string[] values, bool[] excluded, Action<int, int, string> report)
    {
        var paths = new Dictionary<string, List<int>>(StringComparer.Ordinal);
        var services = new Dictionary<string, List<int>>(StringComparer.Ordinal);
        var hostnames = new List<int>();
        for (var i = 0; i < claims.Count; i++)
        {
            if (excluded[i]) continue;
            switch (claims[i].Kind)
            {
                case ClaimKind.Path: Add(paths, values[i], i); break;
                case ClaimKind.Service: Add(services, values[i], i); break;
                case ClaimKind.Hook: break; // each role runs its own hooks: no conflict between roles
                default: hostnames.Add(i); break;
            }
        }

        for (var i = 0; i < claims.Count; i++)
        {
            if (excluded[i]) continue;
            var claim = claims[i];
            switch (claim.Kind)
            {
                case ClaimKind.Path:
                    // The same path: report from the later claim. A path above: whichever came first.
                    for (var ancestor = values[i]; ancestor.Length > 0; ancestor = Parent(ancestor))
                    {
                        if (!paths.TryGetValue(ancestor, out var others)) continue;
                        var same = ancestor == values[i];
                        var j = others.FindIndex(o => claims[o].Role != claim.Role && (!same || o < i));
                        if (j < 0) continue;
                        var other = others[j];
                        var (a, b) = other < i ? (other, i) : (i, other);
                        report(a, b, same
                            ? $"{claims[a].Origin} and {claims[b].Origin} both claim {values[i]}"
                            : $"{claims[other].Origin} claims {ancestor} and {claim.Origin} claims {values[i]} inside it");
                        break;
                    }
                    break;
                case ClaimKind.Service:
                {
                    var others = services[values[i]];
                    var j = others.FindIndex(o => o < i && claims[o].Role != claim.Role);
                    if (j >= 0)
                        report(others[j], i, $"{claims[others[j]].Origin} and {claim.Origin} both claim service '{values[i]}'");
                    break;
                }
                case ClaimKind.Hook:
                    break;
                default:
                {
                    var j = hostnames.FindIndex(o => o < i && claims[o].Role != claim.Role);
                    if (j >= 0)
                        report(hostnames[j], i, $"{claims[hostnames[j]].Origin} and {claim.Origin} both set the hostname");
                    break;
                }
            }
        }

        static void Add(Dictionary<string, List<int>> index, string key, int i)
        {
            if (!index.TryGetValue(key, out var list)) index[key] = list = [];
            list.Add(i);
        }

        static string Parent(string path)
        {
            if (path == "/") return "";
            var slash = path.LastIndexOf('/');
            return slash == 0 ? "/" : path[..slash];
        }
    }
}
