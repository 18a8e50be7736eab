using Personality.Manifests;
using Personality.Manifests.Yaml;
using Personality.Ownership;
using Personality.Pipeline;
using Personality.Status;

namespace Personality.Items;

/// <summary>
/// One kind of manifest item (<c>state</c>, <c>files</c>, ...): its key in personality.yaml, how it is
/// read and checked, what it claims for the ownership check, the stage that plans it, and what
/// `personality status` checks again. Each kind lives in its own folder under Items/ and is
/// registered once, in <see cref="ItemKinds.All"/>. Derive from <see cref="ItemKind{TItems}"/>.
/// </summary>
internal interface IItemKind
{
    /// <summary>The key in personality.yaml ("files").</summary>
    string Key { get; }

    /// <summary>What the key's value must look like: the scanner checks it before anything is deserialized.</summary>
    YamlShape Shape { get; }

    /// <summary>Checks this kind's part of the deserialized manifest; every problem goes to <paramref name="values"/>.</summary>
    object Read(ManifestDto dto, ManifestValues values);

    /// <summary>What the manifest's items of this kind claim, in manifest order.</summary>
    IEnumerable<Claim> Claims(Manifest manifest);

    /// <summary>
    /// The stage that turns the items into steps; it runs where its <see cref="StageName"/> says.
    /// Null when another kind's stage plans them (<c>network</c> generates files: the files stage places them).
    /// </summary>
    IStage? Stage { get; }

    /// <summary>The one role whose manifest may use this key (<c>network</c>: host); null for both.</summary>
    Role? OnlyIn { get; }

    /// <summary>The check `personality status` runs on the steps this kind made, when it needs its own.</summary>
    IDriftCheck? DriftCheck { get; }
}
