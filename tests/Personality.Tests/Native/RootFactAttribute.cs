using Personality.Native;

namespace Personality.Tests.Native;

/// <summary>A fact that needs root (namespaces, mounts, pivot_root): skipped, not failed, for other users.</summary>
public sealed class RootFactAttribute : FactAttribute
{
    public RootFactAttribute()
    {
        if (FileCalls.EffectiveUid != 0) Skip = "needs root (mount namespaces and pivot_root)";
    }
}
