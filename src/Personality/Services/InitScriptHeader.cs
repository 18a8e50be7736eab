namespace Personality.Services;

/// <summary>
/// What one init script (or one override file in /etc/chkconfig.d) says about itself, with
/// chkconfig's markers for "not given": levels -1, start priority -1, stop priority 100, null
/// lists. <see cref="InitScriptParser"/> fills it in.
/// </summary>
public sealed class InitScriptHeader
{
    public const int UnsetLevels = -1, UnsetStart = -1, UnsetStop = 100;

    /// <summary>Bit set of default-on levels (<c># chkconfig:</c> or Default-Start/Default-Stop), -1 when neither says.</summary>
    public int Levels { get; set; } = UnsetLevels;

    public int StartPriority { get; set; } = UnsetStart;

    public int StopPriority { get; set; } = UnsetStop;

    /// <summary>True once a <c>### BEGIN INIT INFO</c> line was read.</summary>
    public bool IsLsb { get; set; }

    /// <summary>The description in the reader's language (<c># description(LANG):</c>); setting it ends the scan.</summary>
    public string? LocalDescription { get; set; }

    /// <summary>The English description (<c># description:</c>, <c>Description:</c> or <c>Short-Description:</c>).</summary>
    public string? EnglishDescription { get; set; }

    public IReadOnlyList<string>? Provides { get; set; }

    public IReadOnlyList<string>? RequiredStart { get; set; }

    public IReadOnlyList<string>? RequiredStop { get; set; }

    public IReadOnlyList<string>? ShouldStart { get; set; }

    public IReadOnlyList<string>? ShouldStop { get; set; }

    /// <summary>The description chkconfig shows: local, else English, else the service name.</summary>
    public string Description(string name) => LocalDescription ?? EnglishDescription ?? name;
}
