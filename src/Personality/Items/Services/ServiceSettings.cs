using Personality.Core;

namespace Personality.Items.Services;

/// <summary>Services to enable and disable, and the run levels that applies to (chkconfig's <c>--level</c>).</summary>
/// <param name="Levels">Digits 0-6, as written; "2345" when not given.</param>
public sealed record ServiceSettings(IReadOnlyList<ServiceEntry> On, IReadOnlyList<ServiceEntry> Off, string Levels)
{
    public const string DefaultLevels = "2345";

    public static ServiceSettings None { get; } = new([], [], DefaultLevels);
}

public sealed record ServiceEntry(string Name, Origin Origin) : IManifestItem;
