using Personality.Core;
using Personality.Steps;

namespace Personality.Items.Files;

/// <summary>A file put at <paramref name="Path"/> from <paramref name="Source"/> on the volume.</summary>
/// <param name="Path">Normalised absolute guest path.</param>
/// <param name="Source">Normalised path relative to the volume root ("files/app.conf"); never absolute, never "..".</param>
/// <param name="Mode">Permission bits (e.g. 0o640), or null to keep the source's.</param>
/// <param name="Owner"><c>user</c> or <c>user:group</c>, names or numbers, or null to keep root's.</param>
public sealed record FileEntry(string Path, string Source, int? Mode, string? Owner, FileHow How, Origin Origin) : IManifestItem;
