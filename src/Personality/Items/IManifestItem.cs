using Personality.Core;

namespace Personality.Items;

/// <summary>One item of a manifest; its origin (file, line, column) is its identity for the ownership check.</summary>
public interface IManifestItem
{
    Origin Origin { get; }
}
