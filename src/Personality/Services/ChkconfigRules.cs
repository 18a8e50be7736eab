namespace Personality.Services;

/// <summary>
/// Everything the native engine does differently depending on the chkconfig it reproduces, in
/// one place: each property is one behavioural difference between chkconfig 1.3.30.2 (CentOS 5),
/// 1.3.49.5 (CentOS 6) and 1.33 (current upstream), read from their sources. docs/chkconfig.md
/// lists them with the conformance scenario that shows each one
/// (tests/Personality.Tests/Services/Conformance).
/// </summary>
public sealed record ChkconfigRules
{
    public required ChkconfigDialect Dialect { get; init; }

    // Reading a header

    /// <summary>A script needs a description (English, or in the reader's LANG) or it "does not support chkconfig".</summary>
    public bool DescriptionRequired { get; init; }

    /// <summary>An LSB <c>Short-Description:</c> counts as a description.</summary>
    public bool ShortDescriptionIsDescription { get; init; } = true;

    /// <summary>
    /// A script without an LSB block needs the priorities of a <c># chkconfig:</c> line. Without
    /// this rule a script with levels alone (Default-Start) is accepted and gets links named
    /// <c>S-1NAME</c>/<c>K-1NAME</c>, which chkconfig itself never sees again.
    /// </summary>
    public bool PrioritiesRequiredWithoutLsb { get; init; } = true;

    /// <summary>How many characters of the levels field of <c># chkconfig:</c> are read (sscanf's %15s, or %s).</summary>
    public int LevelFieldWidth { get; init; } = 15;

    /// <summary>LSB <c>Should-Start:</c> and <c>Should-Stop:</c> are dependencies.</summary>
    public bool ShouldDependencies { get; init; } = true;

    /// <summary>/etc/chkconfig.d/NAME overrides the script's header.</summary>
    public bool OverrideFiles { get; init; } = true;

    // Priorities of LSB services

    /// <summary>A dependency moves a priority only when it is on in every level where the dependent is on.</summary>
    public bool DependencyMustBeOnWhereverDependentIs { get; init; } = true;

    /// <summary>
    /// The service a command is about is among the services the others' dependencies are
    /// resolved against. Without it, a service that needs the changed one falls back to S50/K50.
    /// </summary>
    public bool ChangedServiceCountsForOthers { get; init; } = true;

    // Commands

    /// <summary>The levels <c>resetpriorities</c> touches without --level.</summary>
    public int ResetPrioritiesDefaultLevels { get; init; } = RunLevels.All;

    /// <summary>Changes are refused ("You do not have enough privileges ...") when rc3.d cannot be used.</summary>
    public bool RefusesWithoutRc3 { get; init; } = true;

    /// <summary>--add, --del and --override take the base name of their argument (/etc/init.d/sshd is sshd).</summary>
    public bool NameIsBaseName { get; init; } = true;

    /// <summary>
    /// A query of an xinetd service needs the xinetd init script on at the queried level;
    /// otherwise on at any level.
    /// </summary>
    public bool XinetdQueryAtQueriedLevel { get; init; }

    /// <summary>--list reports an init.d entry it cannot stat (a dangling link) on stderr.</summary>
    public bool ListReportsUnreadableScripts { get; init; }

    /// <summary>--list prints the systemd note and leaves out services that have a native unit.</summary>
    public bool SystemdAware { get; init; } = true;

    // Command line

    /// <summary>--type sysv|xinetd exists.</summary>
    public bool TypeOption { get; init; } = true;

    /// <summary>--override exists.</summary>
    public bool OverrideOption { get; init; } = true;

    /// <summary>--no-redirect exists.</summary>
    public bool NoRedirectOption { get; init; } = true;

    /// <summary><c>chkconfig</c> without arguments lists; otherwise it prints the usage and exits 1.</summary>
    public bool NoArgumentsLists { get; init; } = true;

    /// <summary>The message when two of --list, --add, --del (and --override) are given.</summary>
    public string ExclusiveCommandsMessage { get; init; } = "only one of --list, --add, --del, or --override may be specified";

    /// <summary>chkconfig 1.33.</summary>
    public static readonly ChkconfigRules Current = new() { Dialect = ChkconfigDialect.Current };

    /// <summary>chkconfig 1.3.49.5: 1.33 before systemd.</summary>
    public static readonly ChkconfigRules El6 = Current with
    {
        Dialect = ChkconfigDialect.El6,
        XinetdQueryAtQueriedLevel = true,
        SystemdAware = false,
        NoRedirectOption = false,
    };

    /// <summary>chkconfig 1.3.30.2: before overrides, Should-* and the state test of dependencies.</summary>
    public static readonly ChkconfigRules El5 = El6 with
    {
        Dialect = ChkconfigDialect.El5,
        DescriptionRequired = true,
        ShortDescriptionIsDescription = false,
        PrioritiesRequiredWithoutLsb = false,
        LevelFieldWidth = int.MaxValue,
        ShouldDependencies = false,
        OverrideFiles = false,
        DependencyMustBeOnWhereverDependentIs = false,
        ChangedServiceCountsForOthers = false,
        ResetPrioritiesDefaultLevels = RunLevels.Default,
        RefusesWithoutRc3 = false,
        NameIsBaseName = false,
        ListReportsUnreadableScripts = true,
        TypeOption = false,
        OverrideOption = false,
        NoArgumentsLists = false,
        ExclusiveCommandsMessage = "only one of --list, --add, or --del may be specified",
    };

    public static ChkconfigRules For(ChkconfigDialect dialect) => dialect switch
    {
        ChkconfigDialect.El5 => El5,
        ChkconfigDialect.El6 => El6,
        _ => Current,
    };
}
