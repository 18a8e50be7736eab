namespace Personality.IntegrationTests.Harness;

/// <summary>
/// Tests that attach loop devices or boot trees run one at a time: the binary scans every block device,
/// and losetup --find races between parallel callers.
/// </summary>
[Xunit.CollectionDefinition("root", DisableParallelization = true)]
public sealed class RootCollection;
