using YamlDotNet.Core;
using YamlDotNet.Core.Events;

namespace Personality.Manifests.Yaml;

/// <summary>Replays the events recorded by <see cref="StrictYamlScanner"/> into the static deserializer.</summary>
internal sealed class EventReplay(IReadOnlyList<ParsingEvent> events) : IParser
{
    private int _index = -1;

    public ParsingEvent? Current => _index >= 0 && _index < events.Count ? events[_index] : null;

    public bool MoveNext()
    {
        if (_index < events.Count) _index++;
        return _index < events.Count;
    }
}
