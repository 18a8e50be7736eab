using Personality.Core;

namespace Personality.Items.State;

/// <summary>A path kept on the volume (under <c>state/</c>), copied there on first use and bind-mounted.</summary>
/// <param name="Path">Normalised absolute guest path.</param>
public sealed record StateEntry(string Path, Origin Origin) : IManifestItem;
