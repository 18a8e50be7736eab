namespace Personality.Discovery;

/// <summary>
/// A recognised filesystem on a block device. <see cref="AppearedMs"/> is milliseconds since the
/// run started when a scan first saw it, so slow-to-attach volumes show up in the boot record.
/// </summary>
public sealed record Volume(string Device, string Label, string Uuid, string FsType, long AppearedMs);
