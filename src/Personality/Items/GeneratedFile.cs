using Personality.Core;
using Personality.Manifests;

namespace Personality.Items;

/// <summary>
/// A whole file a kind writes from its items (<c>network</c>: ifcfg-eth0, resolv.conf) rather than
/// one copied from the volume. The files stage places it like a copied file, so ownership,
/// reconciliation, dry-run and the record need nothing of their own for it.
/// </summary>
/// <param name="Path">Normalised absolute guest path.</param>
/// <param name="Content">The whole file, text.</param>
/// <param name="Mode">Permission bits.</param>
/// <param name="Summary">One line for people (dry-run, the record): what the file says, e.g. "eth0 static 192.0.2.10/24".</param>
public sealed record GeneratedFile(string Path, string Content, int Mode, string Summary, Origin Origin) : IManifestItem;

/// <summary>A kind whose items become <see cref="GeneratedFile"/>s, which the files stage places.</summary>
internal interface IGeneratesFiles
{
    IReadOnlyList<GeneratedFile> Files(Manifest manifest);
}
