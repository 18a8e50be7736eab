using Personality.Core;

namespace Personality.Plan.Tables;

/// <summary>One /etc/fstab line: what to mount (LABEL=, UUID=, a device or a pseudo source), where, how.</summary>
public sealed record FstabEntry(string Spec, string MountPoint, string FsType, string Options, Origin Origin);
