using Personality.Core;

namespace Personality.Ownership;

/// <summary>The image's ownership policy (/etc/personality/ownership.yaml); the built-in default when it has none, or when its file is broken.</summary>
public static class ImagePolicy
{
    public static OwnershipPolicy Read(TargetRoot root, Diagnostics diagnostics)
    {
        const string file = OwnershipPolicy.GuestFile;
        var hostFile = root.Host(file);
        if (!File.Exists(hostFile)) return OwnershipPolicy.Default;
        var policy = OwnershipPolicy.Read(hostFile, file, diagnostics);
        if (policy is not null) return policy;
        diagnostics.Error($"{file} is invalid; the built-in ownership policy is used instead", Origin.Of(file),
            "fix the errors above, or remove the file to use the built-in policy on purpose");
        return OwnershipPolicy.Default;
    }
}
