using Personality.Core;

namespace Personality.Discovery;

/// <summary>
/// The answer to "which volume is this label (or UUID)?": the volume, or a problem explaining
/// why none was chosen. Both are null when an optional volume is simply absent.
/// </summary>
public sealed record LabelResult(Volume? Volume, Diagnostic? Problem);
