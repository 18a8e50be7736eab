using Personality.Core;
using Personality.Manifests;
using Personality.Pipeline;

namespace Personality.Steps;

/// <summary>
/// A manifest `files` item: the volume's file <see cref="Step.Source"/> copied to the target
/// (atomically, with its mode and owner) or bind-mounted over it (the target must exist); or a
/// file a kind generated (<see cref="Content"/>, e.g. `network`'s ifcfg files), always copied.
/// Set-user-ID and set-group-ID bits never come from a config volume.
/// </summary>
public sealed record FilePlaceStep(StageName Stage, string Target, Origin Origin, FileHow How, int? Mode, (uint Uid, uint Gid)? Owner, bool Slave)
    : Step(Stage, How == FileHow.Copy ? StepKind.FileCopy : StepKind.FileBind, Target, Origin)
{
    /// <summary>
    /// Guest path where the file at the target is saved before it is first replaced, when the change
    /// persists, so a later role can have the original back; null when nothing needs keeping.
    /// </summary>
    public string? SaveOriginalTo { get; init; }

    /// <summary>
    /// The file's content when a kind generated it, not taken from a volume (no <see cref="Step.Source"/>):
    /// placed like a copied file, so reconciliation, dry-run and the record treat both alike.
    /// </summary>
    public string? Content { get; init; }

    protected override string Describe() => $"{Action} {(Content is null ? Source : $"generated ({Content.Length} bytes)")} -> {Target}" +
        (Mode is { } m ? $" mode {Convert.ToString(m, 8).PadLeft(4, '0')}" : "") + (Owner is { } o ? $" owner {o.Uid}:{o.Gid}" : "");
}
