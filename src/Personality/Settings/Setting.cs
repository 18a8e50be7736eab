namespace Personality.Settings;

/// <summary>One effective setting and where its value came from ("default", "/etc/sysconfig/personality:4", ...).</summary>
public sealed record Setting(string Key, string Value, string Source);
