using Personality.Core;

namespace Personality.Tests.Fleet;

public sealed class HostManifestTests : IDisposable
{
    private readonly FleetFolder _f = new();

    public void Dispose() => _f.Dispose();

    [Fact]
    public void Each_line_of_the_written_manifest_traces_back_to_the_key_that_wrote_it()
    {
        var guest = _f.Ok("""
            version: 1
            images: {os: images/base.img}
            personalities: {web: personalities/web}
            host:
              hostname: "{name}"
              services:
                off: [cups]
            guests:
              - {name: a1, personality: web, host: {state: [/var/lib/a]}}
            """).Guests.Single();
        Assert.Equal("version: 1\nrole: host\nhostname: \"a1\"\nservices:\n  off: [cups]\nstate: [/var/lib/a]\n", guest.Host.Text);
        Assert.Equal(new Origin("fleet.yaml", 9, 12), guest.Host.OriginOf(1)); // version: the guest's name
        Assert.Equal(new Origin("fleet.yaml", 5, 3), guest.Host.OriginOf(3));
        Assert.Equal(new Origin("fleet.yaml", 6, 3), guest.Host.OriginOf(5));
        Assert.Equal(new Origin("fleet.yaml", 9, 41), guest.Host.OriginOf(6));
    }

    [Fact]
    public void Only_the_placeholder_is_replaced()
    {
        var guest = _f.Ok("""
            version: 1
            images: {os: images/base.img}
            personalities: {web: personalities/web}
            host: {state: ["/var/lib/{name}/{zone}"]}
            guests: [{name: a1, personality: web}]
            """).Guests.Single();
        Assert.Contains("state: [\"/var/lib/a1/{zone}\"]", guest.Host.Text);
    }
}
