using Personality.Core;

namespace Personality.Settings;

/// <summary>A KEY=VALUE line of a shell-style settings file, with its position.</summary>
public sealed record ShellAssignment(string Key, string Value, Origin Origin);
