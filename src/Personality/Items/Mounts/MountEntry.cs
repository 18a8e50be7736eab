using Personality.Core;

namespace Personality.Items.Mounts;

/// <summary>A volume (found by label) mounted at <paramref name="Path"/>.</summary>
/// <param name="Path">Normalised absolute guest path.</param>
/// <param name="Options">Mount options as written (<c>ro</c>, <c>nodev</c>, ...).</param>
public sealed record MountEntry(string Label, string Path, IReadOnlyList<string> Options, Origin Origin) : IManifestItem;
