using Personality.Core;
using Personality.Manifests;
using Personality.Ownership;

namespace Personality.Validate;

/// <summary>A config volume's personality.yaml, read by the same strict reader as at boot.</summary>
public sealed class ManifestValidator : IFileValidator
{
    public string Kind => "manifest";

    public bool Recognises(string path) => FileNames.Name(path) is ManifestReader.FileName or "personality.yml";

    /// <summary>The reader says error or warning as boot would; both make validate exit 1.</summary>
    public bool WarningsAreErrors => false;

    // Origins and hints (the first of a duplicated key is at ...) name the path given.
    public void Validate(string text, string path, Diagnostics diagnostics) => ManifestReader.ParseShown(path, text, diagnostics);
}

/// <summary>The OS image's /etc/personality/ownership.yaml.</summary>
public sealed class OwnershipValidator : IFileValidator
{
    public string Kind => "ownership";

    public bool Recognises(string path) => FileNames.Name(path) is "ownership.yaml" or "ownership.yml";

    public bool WarningsAreErrors => false;

    public void Validate(string text, string path, Diagnostics diagnostics) => OwnershipPolicy.Parse(text, path, diagnostics);
}
