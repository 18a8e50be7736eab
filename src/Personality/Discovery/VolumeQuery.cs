using System.Globalization;
using Personality.Core;

namespace Personality.Discovery;

/// <summary>
/// One question put to the scanned volumes ("label data", "UUID 1234-ABCD") and the policy for
/// its answer. The duplicate policy is deliberate: two devices with one label (or UUID) are
/// never resolved by a silent pick, because mounting the wrong copy of /var or /home is worse
/// than failing the role. An operator resolves it by pinning a UUID for the label
/// (VOLUME_UUIDS="LABEL=UUID"), by relabelling, or by detaching the stray copy.
/// </summary>
internal sealed class VolumeQuery
{
    private const string Settings = "/etc/sysconfig/personality";

    private readonly string _subject;
    private readonly Func<Volume, bool> _matches;
    private readonly string? _pinnedUuid;
    private readonly string _duplicateHint;
    private readonly string _missingHint;
    private readonly Func<Volume, string> _describe;

    private VolumeQuery(string subject, Func<Volume, bool> matches, string? pinnedUuid, string duplicateHint, string missingHint,
        Func<Volume, string> describe)
    {
        _describe = describe;
        _subject = subject;
        _matches = matches;
        _pinnedUuid = pinnedUuid;
        _duplicateHint = duplicateHint;
        _missingHint = missingHint;
    }

    public static VolumeQuery ForLabel(string label, string? pinnedUuid) => new(
        $"label {label}",
        v => string.Equals(v.Label, label, StringComparison.Ordinal),
        pinnedUuid,
        $"pin one with VOLUME_UUIDS=\"{label}=UUID\" in {Settings}, or relabel the other",
        $"check that the volume is attached and carries this label, or raise DEVICE_TIMEOUT in {Settings}",
        v => $"{v.Device} ({v.FsType}, UUID {Shown(v.Uuid)})");

    public static VolumeQuery ForUuid(string uuid) => new(
        $"UUID {uuid}",
        v => string.Equals(v.Uuid, uuid, StringComparison.OrdinalIgnoreCase),
        null,
        "give the copy a new UUID (tune2fs -U random, xfs_admin -U generate, btrfstune -u) or detach it",
        $"check that the volume is attached and the UUID is right, or raise DEVICE_TIMEOUT in {Settings}",
        v => $"{v.Device} ({v.FsType}, label {Shown(v.Label)})");

    /// <summary>
    /// The answer from one scan. <paramref name="settled"/> is true when waiting longer cannot
    /// change it: the volume was found, or duplicates exist (more devices never remove them).
    /// </summary>
    public LabelResult Answer(IReadOnlyList<Volume> volumes, out bool settled)
    {
        var candidates = volumes.Where(_matches).ToList();
        settled = true;
        if (_pinnedUuid is not null && candidates.Count > 0)
        {
            var pinned = candidates.Where(v => string.Equals(v.Uuid, _pinnedUuid, StringComparison.OrdinalIgnoreCase)).ToList();
            if (pinned.Count == 1)
                return new LabelResult(pinned[0], null);
            if (pinned.Count > 1)
                return Refuse($"{_subject} pinned to UUID {_pinnedUuid} matches {pinned.Count} devices: {List(pinned)}; refusing to pick one",
                    "the devices are copies with the same UUID; give one a new UUID or detach it");
            settled = false; // the pinned device may still be attaching
            return Refuse($"{_subject} is pinned to UUID {_pinnedUuid} by VOLUME_UUIDS, but no device with that label has it; found {List(candidates)}",
                $"correct VOLUME_UUIDS in {Settings}, or attach the volume with UUID {_pinnedUuid}");
        }
        switch (candidates.Count)
        {
            case 1:
                return new LabelResult(candidates[0], null);
            case > 1:
                return Refuse($"{_subject} is on {candidates.Count} devices: {List(candidates)}; refusing to pick one", _duplicateHint);
            default:
                settled = false;
                return new LabelResult(null, null);
        }
    }

    /// <summary>The error for a required volume that never showed up.</summary>
    public Diagnostic NeverAppeared(TimeSpan waited, IReadOnlyCollection<string> unusableDevices)
    {
        var seconds = waited.TotalSeconds.ToString("0.###", CultureInfo.InvariantCulture);
        var unusable = unusableDevices.Count == 0 ? ""
            : $"; devices that could not be read, which may hold it: {string.Join(", ", unusableDevices)}";
        return Diagnostic.Error($"{_subject} did not appear within {seconds} s{unusable}", hint: _missingHint);
    }

    private static LabelResult Refuse(string message, string hint) => new(null, Diagnostic.Error(message, hint: hint));

    private string List(IEnumerable<Volume> volumes) => string.Join(", ", volumes.Select(_describe));

    private static string Shown(string value) => value.Length == 0 ? "(none)" : value;
}
