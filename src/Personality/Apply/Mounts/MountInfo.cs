namespace Personality.Apply.Mounts;

/// <summary>One line of /proc/self/mountinfo: which filesystem (device and root within it) is mounted where.</summary>
public sealed record MountInfo(int Id, int ParentId, string MajorMinor, string Root, string MountPoint, string FsType, string Source, string Options);
