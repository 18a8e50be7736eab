namespace Personality.Record;

/// <summary>A volume given a role in this run (scratch, state, ...), as the record shows it.</summary>
public sealed record VolumeRecord(string Role, string Label, string Device, string Uuid, string FsType, long AppearedMs, string MountPoint);
