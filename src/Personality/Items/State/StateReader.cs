using Personality.Manifests;
using Personality.Manifests.Yaml;

namespace Personality.Items.State;

/// <summary>Checks <c>state:</c>: absolute guest paths, each target once per manifest.</summary>
internal static class StateReader
{
    public static IReadOnlyList<StateEntry> Read(List<string>? list, ManifestValues values)
    {
        var result = new List<StateEntry>();
        for (var i = 0; i < (list?.Count ?? 0); i++)
        {
            var path = NodePositions.Item("state", i);
            if (values.Target(list![i], path, "state path") is { } target) result.Add(new StateEntry(target, values.At.Node(path)));
        }
        return result;
    }
}
