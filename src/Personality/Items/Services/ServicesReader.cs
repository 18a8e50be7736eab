using Personality.Core;
using Personality.Manifests;
using Personality.Manifests.Yaml;

namespace Personality.Items.Services;

/// <summary>Checks <c>services:</c>: names, each once and in one list, and the run levels.</summary>
internal static class ServicesReader
{
    public static ServiceSettings Read(ServicesDto? dto, ManifestValues values)
    {
        if (dto is null) return ServiceSettings.None;
        var on = ReadList(dto.On, "services.on", null, values);
        var off = ReadList(dto.Off, "services.off", on, values);
        var levels = values.Optional(dto.Levels, "services.levels");
        if (levels is not null && !IsLevels(levels))
        {
            values.Error(values.At.Node("services.levels"), $"bad run levels '{levels}'", "write digits 0-6, each once, in quotes, e.g. levels: \"345\"");
            levels = null;
        }
        return new ServiceSettings(on, off, levels ?? ServiceSettings.DefaultLevels);
    }

    private static List<ServiceEntry> ReadList(List<string>? list, string path, List<ServiceEntry>? on, ManifestValues values)
    {
        var result = new List<ServiceEntry>();
        var seen = new Dictionary<string, Origin>(StringComparer.Ordinal);
        for (var i = 0; i < (list?.Count ?? 0); i++)
        {
            var item = NodePositions.Item(path, i);
            var origin = values.At.Node(item);
            var name = list![i];
            if (name is null && values.Reported(item)) continue;
            if (name is null || !ValueSyntax.IsServiceName(name))
            {
                values.Error(origin, name is null ? "an empty service name" : $"bad service name '{name}'",
                    "a service is the name of an init script or unit, e.g. httpd");
                continue;
            }
            if (seen.TryGetValue(name, out var first))
            {
                values.Error(origin, $"service '{name}' is listed twice", $"the first is at {first}; keep one");
                continue;
            }
            if (on?.Find(s => s.Name == name) is { } alsoOn)
            {
                values.Error(origin, $"service '{name}' is both on ({alsoOn.Origin}) and off", "keep it in one list");
                continue;
            }
            seen.Add(name, origin);
            result.Add(new ServiceEntry(name, origin));
        }
        return result;
    }

    /// <summary>Run levels as chkconfig's --level takes them: digits 0-6, each once.</summary>
    private static bool IsLevels(string text) =>
        text.Length is > 0 and <= 7 && text.All(c => c is >= '0' and <= '6') && text.Distinct().Count() == text.Length;
}
