namespace Personality.Services;

/// <summary>
/// One service as chkconfig holds it while it works: the header merged with its override,
/// where it is on now, and (for xinetd services) the state of its <c>disable</c> line. The
/// priorities change while dependencies are resolved, so this is mutable; <see cref="Clone"/>
/// gives the separate copy chkconfig keeps for the service being changed.
/// </summary>
public sealed class ServiceInfo
{
    public required string Name { get; init; }

    public ServiceTypes Type { get; init; } = ServiceTypes.InitScript;

    /// <summary>Default-on levels (bit set); for xinetd: 0x7F when enabled, 0 when disabled.</summary>
    public int Levels { get; set; }

    /// <summary>Start priority; -1 while unknown (an LSB service gets 50 when resolved).</summary>
    public int StartPriority { get; set; } = InitScriptHeader.UnsetStart;

    /// <summary>Stop priority; 100 while unknown (an LSB service gets 50 when resolved).</summary>
    public int StopPriority { get; set; } = InitScriptHeader.UnsetStop;

    /// <summary>Levels where it is on now; during a change, the levels it is about to be on.</summary>
    public int CurrentLevels { get; set; }

    public bool IsLsb { get; set; }

    public IReadOnlyList<string> Provides { get; set; } = [];

    public IReadOnlyList<string>? RequiredStart { get; set; }

    public IReadOnlyList<string>? RequiredStop { get; set; }

    public IReadOnlyList<string>? ShouldStart { get; set; }

    public IReadOnlyList<string>? ShouldStop { get; set; }

    public string Description { get; set; } = "";

    /// <summary>xinetd only: the state <c>reset</c> returns to (chkconfig's "enabled").</summary>
    public bool XinetdEnabled { get; set; }

    public ServiceInfo Clone() => (ServiceInfo)MemberwiseClone();

    /// <summary>A service from a parsed header (no override applied yet).</summary>
    public static ServiceInfo FromHeader(string name, InitScriptHeader h) => new()
    {
        Name = name,
        Levels = h.Levels,
        StartPriority = h.StartPriority,
        StopPriority = h.StopPriority,
        IsLsb = h.IsLsb,
        Provides = h.Provides ?? [name],
        RequiredStart = h.RequiredStart,
        RequiredStop = h.RequiredStop,
        ShouldStart = h.ShouldStart,
        ShouldStop = h.ShouldStop,
        Description = h.Description(name),
    };
}
