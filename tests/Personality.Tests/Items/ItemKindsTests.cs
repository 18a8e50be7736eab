using Personality.Items;
using Personality.Pipeline;
using Personality.Stages;
using Personality.Status;

namespace Personality.Tests.Items;

public class ItemKindsTests
{
    [Fact]
    public void KindsAreRegisteredInManifestOrder() =>
        Assert.Equal(["state", "files", "mounts", "services", "hooks", "network"], ItemKinds.All.Select(k => k.Key));

    [Fact]
    public void StagesRunInTheRecordedOrderWhateverTheKindOrder() =>
        Assert.Equal(
            ["labels", "scratch", "rwtab", "state-area", "statetab", "volumes", "manifests", "hostname", "mounts", "state", "files", "services", "hooks"],
            StageSequence.All.Select(s => s.Name.Text()));

    [Fact]
    public void StatusRunsTheKindsDriftChecksAfterTheGeneralOnes() =>
        Assert.Equal(["mount", "bind", "volume", "service"], DriftChecks.Default.Select(c => c.Kind));
}
