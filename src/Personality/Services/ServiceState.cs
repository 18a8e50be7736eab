namespace Personality.Services;

/// <summary>The last word of <c>chkconfig [--level L] NAME on|off|reset|resetpriorities</c>.</summary>
public enum ServiceState
{
    On,
    Off,

    /// <summary>Every level back to what the header (and override) says.</summary>
    Reset,

    /// <summary>Keep on/off at every level, rewrite the priorities from the header and dependencies.</summary>
    ResetPriorities,
}
