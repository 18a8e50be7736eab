using System.Text.RegularExpressions;
using Personality.Fleet;

namespace Personality.Tests.Fleet;

public sealed partial class XlConfigTests : IDisposable
{
    private readonly FleetFolder _f = new();

    public void Dispose() => _f.Dispose();

    [Fact]
    public void The_xl_config_names_the_guest_its_memory_in_MiB_and_its_disks_target_last()
    {
        var fleet = _f.Ok("""
            version: 1
            images: {os: images/base.img}
            boot: {kernel: images/vmlinux, cmdline: "console=hvc0 ro"}
            personalities: {web: personalities/web}
            guests: [{name: web01, personality: web, memory: 96M, vcpus: 2}]
            """);
        var layout = GuestLayout.For("/srv/build", "web01");
        var text = XlConfig.For(fleet, fleet.Guests[0], layout);
        var settings = Parse(text);
        Assert.Equal("\"web01\"", settings["name"]);
        Assert.Equal("96", settings["memory"]);
        Assert.Equal("2", settings["vcpus"]);
        Assert.Equal($"\"{fleet.Boot!.Kernel}\"", settings["kernel"]);
        Assert.Equal("\"console=hvc0 ro\"", settings["extra"]);
        Assert.False(settings.ContainsKey("type")); // a PV guest when a kernel is given
        var disks = DiskSpec().Matches(settings["disk"]).Select(m => m.Groups[1].Value).ToList();
        Assert.Equal([
            $"format=raw, vdev=xvda, access=ro, target={fleet.Images.Os}",
            "format=raw, vdev=xvdb, access=rw, target=/srv/build/web01/host.img",
            "format=raw, vdev=xvdc, access=rw, target=/srv/build/web01/app.img",
            "format=raw, vdev=xvdd, access=rw, target=/srv/build/web01/state.img",
        ], disks);
    }

    [Fact]
    public void Without_boot_the_guest_is_hvm()
    {
        var fleet = _f.Ok("version: 1\nimages: {os: images/base.img}\npersonalities: {web: personalities/web}\nguests: [{name: a, personality: web}]\n");
        var settings = Parse(XlConfig.For(fleet, fleet.Guests[0], GuestLayout.For("/b", "a")));
        Assert.Equal("\"hvm\"", settings["type"]);
        Assert.False(settings.ContainsKey("kernel"));
    }

    [Fact]
    public void Paths_and_command_lines_xl_cannot_hold_are_refused()
    {
        Assert.NotNull(XlConfig.Check("/a/b'c"));
        Assert.NotNull(XlConfig.Check("ro \"x\""));
        Assert.Null(XlConfig.Check("/srv/fleet/images/base.img"));
        var errors = _f.Errors("version: 1\nimages: {os: images/base.img}\nboot: {kernel: images/vmlinux, cmdline: \"a'b\"}\npersonalities: {web: personalities/web}\nguests: [{name: a, personality: web}]\n");
        Assert.Equal(["fleet.yaml:3:41: the kernel command line holds a quote, backslash or control character (the domain's xl config cannot hold it; leave it out)"], errors);
    }

    /// <summary>
    /// xl's config syntax, as far as we write it: comments, then KEY = VALUE with VALUE a number,
    /// a double-quoted string, or a list of single-quoted strings in [ ] over several lines.
    /// </summary>
    private static Dictionary<string, string> Parse(string text)
    {
        var settings = new Dictionary<string, string>(StringComparer.Ordinal);
        var lines = text.Split('\n');
        for (var i = 0; i < lines.Length; i++)
        {
            var line = lines[i];
            if (line.Length == 0 || line.StartsWith('#')) continue;
            var m = Setting().Match(line);
            Assert.True(m.Success, $"not a setting: {line}");
            var value = m.Groups[2].Value;
            if (value.StartsWith('['))
                while (!value.TrimEnd().EndsWith(']')) value += "\n" + lines[++i];
            Assert.Matches(Value(), value);
            Assert.True(settings.TryAdd(m.Groups[1].Value, value), $"{m.Groups[1].Value} twice");
        }
        return settings;
    }

    [GeneratedRegex(@"^([a-z_]+) = (.+)$")]
    private static partial Regex Setting();

    [GeneratedRegex(@"^(\d+|""[^""\\]*""|\[\s*'[^']*'(\s*,\s*'[^']*')*\s*\])$")]
    private static partial Regex Value();

    [GeneratedRegex(@"'([^']*)'")]
    private static partial Regex DiskSpec();
}
