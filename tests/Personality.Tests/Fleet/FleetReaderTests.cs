using Personality.Fleet;

namespace Personality.Tests.Fleet;

public sealed class FleetReaderTests : IDisposable
{
    private readonly FleetFolder _f = new();

    public void Dispose() => _f.Dispose();

    private const string Head = """
        version: 1
        images: {os: images/base.img}
        personalities:
          web: personalities/web
          db: personalities/db

        """;

    [Fact]
    public void Reads_the_example_format_with_groups_defaults_and_overrides()
    {
        var fleet = _f.Ok("""
            version: 1
            name: rack
            connection: qemu:///system
            images: {os: images/base.img}
            boot: {kernel: images/vmlinux, cmdline: "console=ttyS0 root=/dev/vda ro"}
            defaults: {memory: 64M, vcpus: 1, state: 32M}
            personalities:
              web: personalities/web
              db: personalities/db
            host: {hostname: "{name}"}
            guests:
              - {name: "web{01..07}", personality: web}
              - {name: db01, personality: db, memory: 128M, vcpus: 2, state: 1G, connection: "qemu+ssh://h2/system", host: {hostname: db-primary}}
            """);
        Assert.Equal(8, fleet.Guests.Count);
        Assert.Equal(["web01", "web02", "web03", "web04", "web05", "web06", "web07", "db01"], fleet.Guests.Select(g => g.Name));
        var web3 = fleet.Guests[2];
        Assert.Equal("rack-web03", web3.DomainName);
        Assert.Equal(64L << 20, web3.Memory.Bytes);
        Assert.Equal(1, web3.Vcpus);
        Assert.Equal("qemu:///system", web3.Connection);
        Assert.Equal("version: 1\nrole: host\nhostname: \"web03\"\n", web3.Host.Text);
        Assert.Equal(new Personality.Core.Origin("fleet.yaml", 12, 12), web3.Origin);
        var db = fleet.Guests[7];
        Assert.Equal((128L << 20, 2, 1L << 30, "qemu+ssh://h2/system"), (db.Memory.Bytes, db.Vcpus, db.State.Bytes, db.Connection));
        Assert.Equal("version: 1\nrole: host\nhostname: db-primary\n", db.Host.Text);
        Assert.Equal(System.IO.Path.Combine(_f.Path, "images/base.img"), fleet.Images.Os);
        Assert.Equal("console=ttyS0 root=/dev/vda ro", fleet.Boot!.Cmdline);
        Assert.Equal(System.IO.Path.Combine(_f.Path, "personalities/db"), db.Personality.Folder);
    }

    [Fact]
    public void Defaults_apply_when_the_file_leaves_them_out()
    {
        var g = _f.Ok(Head + "guests: [{name: a1, personality: web}]\n").Guests.Single();
        Assert.Equal(("64M", 1, "32M", FleetReader.DefaultConnection, "a1"), (g.Memory.ToString(), g.Vcpus, g.State.ToString(), g.Connection, g.DomainName));
        Assert.Equal("version: 1\nrole: host\n", g.Host.Text);
    }

    [Fact]
    public void A_guests_host_keys_win_over_the_template_and_other_keys_pass_through_in_their_own_style()
    {
        var fleet = _f.Ok(Head + """
            host:
              hostname: "{name}.example"
              services: {off: [cups]}
            guests:
              - name: a1
                personality: web
                host:
                  services: {on: ["{name}-agent"]}
            """);
        Assert.Equal("version: 1\nrole: host\nhostname: \"a1.example\"\nservices: {on: [\"a1-agent\"]}\n", fleet.Guests.Single().Host.Text);
    }

    [Fact]
    public void Unknown_keys_are_errors_with_did_you_mean_at_their_line_and_column()
    {
        var errors = _f.Errors(Head + """
            defualts: {memory: 64M}
            host: {hostnme: "{name}"}
            guests:
              - {name: a1, personality: web, memroy: 64M}
            """);
        Assert.Equal([
            "fleet.yaml:6:1: unknown key 'defualts' (did you mean 'defaults'?)",
            "fleet.yaml:7:8: unknown key 'hostnme' (did you mean 'hostname'?)",
            "fleet.yaml:9:34: unknown key 'memroy' (did you mean 'memory'?)",
        ], errors);
    }

    [Fact]
    public void A_missing_personality_folder_is_named_at_its_value()
    {
        var errors = _f.Errors("""
            version: 1
            images: {os: images/base.img}
            personalities:
              web: personalities/nothere
            guests: [{name: a1, personality: web}]
            """);
        Assert.Equal("fleet.yaml:4:8: the folder of personality 'web' does not exist: " + Shown("personalities/nothere") +
                     " (paths are relative to the fleet file's folder; the folder holds the app volume's personality.yaml, files/ and hooks/)", errors[0]);
    }

    [Fact]
    public void An_unknown_personality_name_is_an_error_with_did_you_mean()
    {
        var errors = _f.Errors(Head + "guests: [{name: a1, personality: wbe}]\n");
        Assert.Equal(["fleet.yaml:6:34: unknown personality 'wbe' (did you mean 'web'?)"], errors);
    }

    [Fact]
    public void Two_guests_with_one_name_after_expansion_are_an_error_naming_both()
    {
        var errors = _f.Errors(Head + """
            guests:
              - {name: "web{01..03}", personality: web}
              - {name: web02, personality: db}
            """);
        Assert.Equal(["fleet.yaml:8:12: two guests are named web02 (the first is at fleet.yaml:7:12; give each guest its own name)"], errors);
    }

    [Theory]
    [InlineData("web_01", "'web_01' is not a valid hostname")]
    [InlineData("-web", "'-web' is not a valid hostname")]
    [InlineData("a.b", "'a.b' is not a valid hostname")]
    public void A_name_that_is_not_an_RFC_1123_label_is_an_error(string name, string message)
    {
        var errors = _f.Errors(Head + $"guests: [{{name: \"{name}\", personality: web}}]\n");
        Assert.Equal($"fleet.yaml:6:17: {message} (a guest name is its hostname and domain name: 1 to 63 letters, digits and '-', not starting or ending with '-')", Assert.Single(errors));
    }

    [Fact]
    public void An_image_that_does_not_exist_is_named_at_its_value()
    {
        var errors = _f.Errors("""
            version: 1
            images: {os: images/base.img, app: images/webapp-2.3.img}
            boot: {kernel: images/bzImage}
            personalities: {web: personalities/web}
            guests: [{name: a1, personality: web}]
            """);
        Assert.Equal([
            $"fleet.yaml:2:36: the application image {Shown("images/webapp-2.3.img")} does not exist (paths are relative to the fleet file's folder; make the file first, or correct the path)",
            $"fleet.yaml:3:16: the kernel {Shown("images/bzImage")} does not exist (paths are relative to the fleet file's folder; make the file first, or correct the path)",
        ], errors);
    }

    [Fact]
    public void A_device_is_never_an_image_or_a_kernel_even_through_a_link()
    {
        // The host's disk must not become every guest's: only regular files are attached.
        Directory.CreateDirectory(System.IO.Path.Combine(_f.Path, "images"));
        File.Delete(System.IO.Path.Combine(_f.Path, "images", "base.img"));
        File.CreateSymbolicLink(System.IO.Path.Combine(_f.Path, "images", "base.img"), "/dev/null");
        var errors = _f.Errors("""
            version: 1
            images: {os: images/base.img}
            boot: {kernel: /dev/zero}
            personalities: {web: personalities/web}
            guests: [{name: a1, personality: web}]
            """);
        Assert.Equal([
            $"fleet.yaml:2:14: the OS image {Shown("images/base.img")} is not a regular file (give an image file; a device or other special file is never attached to a guest)",
            "fleet.yaml:3:16: the kernel /dev/zero is not a regular file (give an image file; a device or other special file is never attached to a guest)",
        ], errors);
    }

    [Fact]
    public void A_personality_whose_manifest_does_not_validate_is_reported_in_its_manifest_and_in_the_fleet()
    {
        _f.Write("personalities/web/personality.yaml", "version: 1\nrole: app\npersonality: web\nservics: {on: [httpd]}\n");
        var errors = _f.Errors(Head + "guests: [{name: a1, personality: web}]\n");
        var manifest = Shown("personalities/web/personality.yaml");
        Assert.Equal([
            $"{manifest}:4:1: unknown key 'servics' (did you mean 'services'?)",
            $"fleet.yaml:4:3: personality 'web' does not validate (1 problem in {manifest}) (fix the manifest; 'personality validate {manifest}' shows the same)",
        ], errors);
    }

    [Fact]
    public void A_personality_folder_with_a_host_manifest_is_an_error()
    {
        _f.Write("personalities/web/personality.yaml", "version: 1\nrole: host\nhostname: x\n");
        var errors = _f.Errors(Head + "guests: [{name: a1, personality: web}]\n");
        Assert.Equal($"{Shown("personalities/web/personality.yaml")}:2:1: personality 'web' has a host manifest, not an app one (a personality folder is an app volume: write 'role: app')", Assert.Single(errors));
    }

    [Fact]
    public void A_host_map_that_does_not_validate_is_reported_once_at_the_key_in_the_fleet_file()
    {
        var errors = _f.Errors(Head + """
            host: {hostname: "{name}_x"}
            guests:
              - {name: "a{1..3}", personality: web}
            """);
        Assert.Equal(3, errors.Count); // one per guest: the message names each guest's own hostname
        Assert.Equal("fleet.yaml:6:8: the host volume of a1: 'a1_x' is not a valid hostname (at most 64 characters: dot-separated labels of letters, digits and '-', not starting or ending with '-')", errors[0]);
    }

    [Theory]
    [InlineData("memory: 64", "fleet.yaml:6:47: bad size: '64' has no unit K, M, G or T (write a number and a unit, e.g. 64M or 1G)")]
    [InlineData("memory: 64X", "fleet.yaml:6:47: bad size: '64X' has no unit K, M, G or T (write a number and a unit, e.g. 64M or 1G)")]
    [InlineData("state: 0M", "fleet.yaml:6:46: bad size: '0M' is zero (write a number and a unit, e.g. 64M or 1G)")]
    [InlineData("state: 512K", "fleet.yaml:6:46: a state volume of 512K is too small (give it at least 4M)")]
    [InlineData("vcpus: 0", "fleet.yaml:6:46: bad vcpus '0' (write a whole number from 1 to 64)")]
    public void Bad_sizes_and_vcpus_are_errors_at_their_value(string setting, string expected)
    {
        var errors = _f.Errors(Head + $"guests: [{{name: a1, personality: web, {setting}}}]\n");
        Assert.Equal(expected, Assert.Single(errors));
    }

    [Theory]
    [InlineData("images: {os: images/base.img}\n", "fleet.yaml:1:1: 'version' is missing (start the file with 'version: 1')")]
    [InlineData("version: 2\nimages: {os: images/base.img}\n", "fleet.yaml:1:10: unsupported version '2' (this personality reads fleet files of version 1; write 'version: 1')")]
    public void Version_missing_or_wrong_is_an_error(string start, string expected)
    {
        var errors = _f.Errors(start + "personalities: {web: personalities/web}\nguests: [{name: a1, personality: web}]\n");
        Assert.Equal(expected, Assert.Single(errors));
    }

    [Fact]
    public void More_guests_than_the_limit_are_an_error()
    {
        var errors = _f.Errors(Head + """
            guests:
              - {name: "a{1..600}", personality: web}
              - {name: "b{1..600}", personality: web}
            """);
        Assert.Equal("fleet.yaml:8:12: the fleet has more than 1000 guests (split it into several fleet files)", Assert.Single(errors));
    }

    [Fact]
    public void A_file_bigger_than_the_limit_is_refused_before_parsing()
    {
        var errors = _f.Errors(Head + "# " + new string('x', (int)FleetReader.MaxBytes) + "\n");
        Assert.StartsWith("fleet.yaml: the file is ", Assert.Single(errors));
    }

    [Fact]
    public void Personalities_must_be_a_mapping_and_its_names_given_once()
    {
        var errors = _f.Errors("""
            version: 1
            images: {os: images/base.img}
            personalities:
              web: personalities/web
              web: personalities/db
            guests: [{name: a1, personality: web}]
            """);
        Assert.Equal("fleet.yaml:5:3: 'web' is given twice (the first is at fleet.yaml:4:3; keep one)", Assert.Single(errors));
    }

    /// <summary>How messages show a path below the fleet folder (in full: the folder is not below the working directory).</summary>
    private string Shown(string relative) => FleetManifests.Shown(System.IO.Path.Combine(_f.Path, relative));
}
