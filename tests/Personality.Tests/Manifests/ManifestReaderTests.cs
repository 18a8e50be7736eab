using Personality.Core;
using Personality.Items.Files;
using Personality.Items.Hooks;
using Personality.Items.Mounts;
using Personality.Items.Services;
using Personality.Items.State;
using Personality.Manifests;
using Personality.Steps;

namespace Personality.Tests.Manifests;

public class ManifestReaderTests
{
    private const string App = "PERS_APP:personality.yaml";
    private const string Host = "PERS_HOST:personality.yaml";

    private static Origin At(int line, int column, string file = App) => new(file, line, column);

    internal static Manifest ParseOk(string yaml, string volume = "PERS_APP")
    {
        var d = new Diagnostics();
        var m = ManifestReader.Parse(volume, yaml, d);
        Assert.True(d.All.Count == 0, string.Join("\n", d.All));
        return Assert.IsType<Manifest>(m);
    }

    internal static List<string> Errors(string yaml, string volume = "PERS_APP")
    {
        var d = new Diagnostics();
        var m = ManifestReader.Parse(volume, yaml, d);
        Assert.Null(m);
        Assert.All(d.All, x => Assert.Equal(Severity.Error, x.Severity));
        Assert.NotEmpty(d.All);
        return d.All.Select(x => x.ToString()).ToList();
    }

    private const string FullApp = """
        version: 1
        role: app
        personality: web
        state: [/var/lib/web, /var/cache//web/]
        files:
          - path: /etc/web/app.conf
            source: files/app.conf
            mode: "0640"
            owner: root:apache
            how: copy
          - path: /etc/web/keys
            source: ./files//keys
            how: bind
        mounts:
          - label: WEBAPP
            path: /opt/web
            options: [ro, nodev, nosuid]
        services:
          on: [httpd, memcached]
          off:
            - cups
          levels: "345"
        hooks:
          - run: hooks/10-warm-cache.sh
            timeout: 2m
          - run: hooks/20-notify
        """;

    [Fact]
    public void EveryFeatureIsReadIntoTheModelWithItemOrigins()
    {
        var m = ParseOk(FullApp);

        Assert.Equal(Role.App, m.Role);
        Assert.Equal("web", m.Personality);
        Assert.Null(m.Hostname);
        Assert.Null(m.HostnameOrigin);
        Assert.Equal(At(1, 1), m.Origin);
        Assert.Equal(At(2, 1), m.RoleOrigin);
        Assert.Equal([new StateEntry("/var/lib/web", At(4, 9)), new StateEntry("/var/cache/web", At(4, 23))], m.State);
        Assert.Equal(
            [
                new FileEntry("/etc/web/app.conf", "files/app.conf", 0b110_100_000, "root:apache", FileHow.Copy, At(6, 5)),
                new FileEntry("/etc/web/keys", "files/keys", null, null, FileHow.Bind, At(11, 5)),
            ],
            m.Files);
        var mount = Assert.Single(m.Mounts);
        Assert.Equal(("WEBAPP", "/opt/web", At(15, 5)), (mount.Label, mount.Path, mount.Origin));
        Assert.Equal(["ro", "nodev", "nosuid"], mount.Options);
        Assert.Equal([new ServiceEntry("httpd", At(19, 8)), new ServiceEntry("memcached", At(19, 15))], m.Services.On);
        Assert.Equal([new ServiceEntry("cups", At(21, 7))], m.Services.Off);
        Assert.Equal("345", m.Services.Levels);
        Assert.Equal(
            [
                new HookEntry("hooks/10-warm-cache.sh", TimeSpan.FromMinutes(2), At(24, 5)),
                new HookEntry("hooks/20-notify", TimeSpan.FromSeconds(30), At(26, 5)),
            ],
            m.Hooks);
        Assert.Equal("PERS_APP:personality.yaml:6:5", m.Files[0].Origin.ToString());
    }

    [Fact]
    public void HostManifestWithHostnameAndDefaults()
    {
        var m = ParseOk("""
            # operations' volume
            version: 1
            role: host
            hostname: web01.example.com
            state: [/etc/ssh]
            services:
              on: [sshd]
            """, "PERS_HOST");
        Assert.Equal(Role.Host, m.Role);
        Assert.Null(m.Personality);
        Assert.Equal("web01.example.com", m.Hostname);
        Assert.Equal(At(4, 1, Host), m.HostnameOrigin);
        Assert.Equal(At(2, 1, Host), m.Origin);
        Assert.Equal("2345", m.Services.Levels);
        Assert.Empty(m.Services.Off);
        Assert.Empty(m.Files);
        Assert.Empty(m.Mounts);
        Assert.Empty(m.Hooks);
    }

    [Fact]
    public void EmptySectionsAreEmptyLists()
    {
        var m = ParseOk("version: 1\nrole: app\npersonality: web\nstate:\nfiles: []\nmounts: ~\nservices:\nhooks:\n");
        Assert.Empty(m.State);
        Assert.Empty(m.Files);
        Assert.Same(ServiceSettings.None, m.Services);
    }

    [Theory]
    [InlineData("30", 30)]
    [InlineData("30s", 30)]
    [InlineData("1", 1)]
    [InlineData("10m", 600)]
    [InlineData("600", 600)]
    public void TimeoutsInSecondsOrMinutes(string timeout, int seconds)
    {
        var m = ParseOk($"version: 1\nrole: app\npersonality: web\nhooks:\n  - run: h\n    timeout: {timeout}\n");
        Assert.Equal(TimeSpan.FromSeconds(seconds), m.Hooks[0].Timeout);
    }

    [Theory]
    [InlineData("\"0640\"", 0b110_100_000)]
    [InlineData("0640", 0b110_100_000)]
    [InlineData("755", 0b111_101_101)]
    [InlineData("\"1777\"", 0b1_111_111_111)]
    public void ModesAreOctal(string mode, int bits)
    {
        var m = ParseOk($"version: 1\nrole: app\npersonality: web\nfiles:\n  - path: /a\n    source: a\n    mode: {mode}\n");
        Assert.Equal(bits, m.Files[0].Mode);
    }

    // Each class of error: exact origin (volume:file:line:col), message and hint.
    [Theory]
    // misspelt keys, at every level, with did-you-mean
    [InlineData("sevices: {}", "3:1", "unknown key 'sevices' (did you mean 'services'?)")]
    [InlineData("files:\n  - path: /a\n    source: a\n    mdoe: \"0640\"", "6:5", "unknown key 'mdoe' (did you mean 'mode'?)")]
    [InlineData("services:\n  offf: [cups]", "4:3", "unknown key 'offf' (did you mean 'off'?)")]
    [InlineData("hooks:\n  - run: h\n    timout: 5s", "5:5", "unknown key 'timout' (did you mean 'timeout'?)")]
    [InlineData("mounts:\n  - lable: X\n    path: /x", "4:5", "unknown key 'lable' (did you mean 'label'?)")]
    [InlineData("colour: blue", "3:1", "unknown key 'colour' (expected one of: version, role, personality, hostname, state, files, mounts, services, hooks, network)")]
    [InlineData("role: host", "3:1", "'role' is given twice (the first is at PERS_APP:personality.yaml:2:1; keep one)")]
    // wrong types
    [InlineData("state: /var/lib/web", "3:8", "'state' must be a list, not a single value (write [a, b] or one '- item' per line)")]
    [InlineData("state: {a: b}", "3:8", "'state' must be a list, not a mapping (write [a, b] or one '- item' per line)")]
    [InlineData("files: [/etc/x]", "3:9", "an item of 'files' must be a mapping, not a single value (write 'key: value' lines (keys: path, source, mode, owner, how))")]
    [InlineData("services: [httpd]", "3:11", "'services' must be a mapping, not a list (write 'key: value' lines (keys: on, off, levels))")]
    [InlineData("hooks:\n  - run: [a, b]", "4:10", "'run' must be a single value, not a list (write one value; quote it if it contains ': ' or starts with a special character)")]
    // bad values
    [InlineData("files:\n  - path: /a\n    source: a\n    mode: \"0849\"", "6:11", "bad mode '0849' (write 3 or 4 octal digits in quotes, e.g. mode: \"0640\")")]
    [InlineData("files:\n  - path: /a\n    source: a\n    mode: \"06400\"", "6:11", "bad mode '06400' (write 3 or 4 octal digits in quotes, e.g. mode: \"0640\")")]
    [InlineData("files:\n  - path: /a\n    source: a\n    mode: \"4755\"", "6:11", "mode '4755' sets the set-user-ID or set-group-ID bit (a config volume may not install set-user-ID or set-group-ID files)")]
    [InlineData("files:\n  - path: /a\n    source: a\n    owner: \"root:\"", "6:12", "bad owner 'root:' (write user or user:group, as names or numbers, e.g. owner: root:apache)")]
    [InlineData("files:\n  - path: /a\n    source: a\n    how: cpy", "6:10", "unknown 'how' value 'cpy' (did you mean 'copy'? 'how' is copy (the default) or bind)")]
    [InlineData("hooks:\n  - run: h\n    timeout: 30x", "5:14", "bad timeout '30x' (write seconds (30 or 30s) or minutes (5m), at most 10m)")]
    [InlineData("hooks:\n  - run: h\n    timeout: 11m", "5:14", "timeout '11m' is longer than the limit of 10m (boot must never hang: at most 10m (600s))")]
    [InlineData("hooks:\n  - run: h\n    timeout: 0s", "5:14", "timeout '0s' is zero (a hook needs at least 1s)")]
    [InlineData("services:\n  levels: \"2378\"", "4:11", "bad run levels '2378' (write digits 0-6, each once, in quotes, e.g. levels: \"345\")")]
    [InlineData("services:\n  levels: \"33\"", "4:11", "bad run levels '33' (write digits 0-6, each once, in quotes, e.g. levels: \"345\")")]
    [InlineData("services:\n  on: [httpd, \"bad name\"]", "4:15", "bad service name 'bad name' (a service is the name of an init script or unit, e.g. httpd)")]
    [InlineData("services:\n  on: [httpd, httpd]", "4:15", "service 'httpd' is listed twice (the first is at PERS_APP:personality.yaml:4:8; keep one)")]
    [InlineData("services:\n  on: [cups]\n  off: [cups]", "5:9", "service 'cups' is both on (PERS_APP:personality.yaml:4:8) and off (keep it in one list)")]
    [InlineData("mounts:\n  - label: WEB/APP\n    path: /opt", "4:12", "bad volume label 'WEB/APP' (a label is printable text without '/' or surrounding spaces)")]
    [InlineData("mounts:\n  - label: W\n    path: /opt\n    options: [\"ro,nodev\"]", "6:15", "bad mount option 'ro,nodev' (one option per list item, without commas or spaces, e.g. options: [ro, nodev, nosuid])")]
    // paths: relative, "..", escaping the volume
    [InlineData("state: [var/lib/web]", "3:9", "bad state path: 'var/lib/web' is a relative path; write it as an absolute path starting with /")]
    [InlineData("state: [/var/../etc]", "3:9", "bad state path: '/var/../etc' contains '..'; write the plain absolute path")]
    [InlineData("files:\n  - path: etc/x\n    source: a", "4:11", "bad file path: 'etc/x' is a relative path; write it as an absolute path starting with /")]
    [InlineData("mounts:\n  - label: W\n    path: /opt/../x", "5:11", "bad mount path: '/opt/../x' contains '..'; write the plain absolute path")]
    [InlineData("files:\n  - path: /x\n    source: /etc/shadow", "5:13", "bad source: '/etc/shadow' is an absolute path; write it relative to the volume root, e.g. files/app.conf (the source is a file on this volume, relative to its root)")]
    [InlineData("files:\n  - path: /x\n    source: files/../../etc/shadow", "5:13", "bad source: 'files/../../etc/shadow' contains '..'; a path must stay inside the volume (the source is a file on this volume, relative to its root)")]
    [InlineData("hooks:\n  - run: /bin/sh", "4:10", "bad hook program: '/bin/sh' is an absolute path; write it relative to the volume root, e.g. files/app.conf (a hook is a program on this volume, relative to its root)")]
    [InlineData("hooks:\n  - run: ../x.sh", "4:10", "bad hook program: '../x.sh' contains '..'; a path must stay inside the volume (a hook is a program on this volume, relative to its root)")]
    [InlineData("state: [/var/lib/web]\nfiles:\n  - path: /var/lib//web\n    source: a", "5:11", "/var/lib/web is already used by the state path at PERS_APP:personality.yaml:3:9 (give each target path once)")]
    // missing and empty values
    [InlineData("files:\n  - source: a", "4:5", "a file entry needs 'path' (the absolute guest path, e.g. 'path: /etc/web/app.conf')")]
    [InlineData("files:\n  - path: /a\n    source:", "5:5", "'source' has no value (the file on the volume, e.g. 'source: files/app.conf')")]
    [InlineData("files:\n  -\n", "4:4", "an empty item in 'files' (remove the lone '-', or fill it in)")]
    [InlineData("hooks:\n  - timeout: 5s", "4:5", "a hook needs 'run' (the program on the volume, e.g. 'run: hooks/10-warm-cache.sh')")]
    [InlineData("hooks:\n  - run: h\n    timeout:", "5:5", "'timeout' has no value (give it a value, or remove the line)")]
    // the YAML itself
    [InlineData("state: &s [/a]", "3:8", "anchors (&s) are not allowed (write each value out in full: anchors and aliases are refused so that a small file cannot expand into a huge one)")]
    [InlineData("state: [/a]\nfiles: *s", "4:8", "aliases (*s) are not allowed (write each value out in full: anchors and aliases are refused so that a small file cannot expand into a huge one)")]
    [InlineData("state: [!!str /a]", "3:9", "tags (tag:yaml.org,2002:str) are not allowed (leave the tag out; quote the value if it must stay text)")]
    [InlineData("---\nstate: [/a]", "3:1", "only one YAML document is allowed in the file (remove the second '---' and what follows it)")]
    [InlineData("state: ['/a]", "3:9", "YAML syntax error: While scanning a quoted scalar, found unexpected end of stream. (check the indentation and quoting around this point)")]
    [InlineData("state: [/a", "3:8", "YAML syntax error after this point (check for an unclosed '[', '{' or quote)")]
    [InlineData("services:\n  on: [*]", "4:8", "YAML syntax error: While scanning an anchor or alias, found value containing disallowed: []{}, ('*' and '&' start YAML aliases and anchors: quote such a value, e.g. \"*\")")]
    public void EachErrorNamesVolumeFileLineAndColumn(string tail, string lineColumn, string expected)
    {
        var errors = Errors($"version: 1\nrole: app\n{tail}\npersonality: web\n");
        Assert.Equal($"{App}:{lineColumn}: {expected}", Assert.Single(errors));
    }

    [Theory]
    [InlineData("version: 2\nrole: app\npersonality: web", "1:10", "unsupported version '2' (this personality reads version 1; write 'version: 1')")]
    [InlineData("version:\nrole: app\npersonality: web", "1:1", "'version' has no value (write 'version: 1')")]
    [InlineData("role: app\npersonality: web", "1:1", "'version' is missing (start the file with 'version: 1')")]
    [InlineData("version: 1\npersonality: web", "1:1", "'role' is missing (add 'role: host' or 'role: app')")]
    [InlineData("version: 1\nrole: ap\npersonality: web", "2:7", "unknown role 'ap' (did you mean 'app'? A role is 'host' or 'app')")]
    [InlineData("version: 1\nrole: database\npersonality: web", "2:7", "unknown role 'database' (a role is 'host' or 'app')")]
    [InlineData("version: 1\nrole: host\npersonality: web", "3:1", "'personality' belongs in the app manifest, not a host one (remove it, or set 'role: app' if this is the application volume)")]
    [InlineData("version: 1\nrole: app\npersonality: web\nhostname: web01", "4:1", "'hostname' belongs in the host manifest, not an app one (the host configuration volume sets the hostname; remove it here)")]
    [InlineData("version: 1\nrole: app", "1:1", "an app manifest needs 'personality' (name the personality, e.g. 'personality: web')")]
    [InlineData("version: 1\nrole: app\npersonality: \"we b\"", "3:14", "'we b' is not a valid personality name (use letters, digits, '.', '_' and '-' (at most 64), starting with a letter or digit)")]
    [InlineData("version: 1\nrole: host\nhostname: -bad", "3:11", "'-bad' is not a valid hostname (at most 64 characters: dot-separated labels of letters, digits and '-', not starting or ending with '-')")]
    [InlineData("", "1:1", "the file is empty (start it with 'version: 1')")]
    [InlineData("# nothing but a comment\n", "1:1", "the file is empty (start it with 'version: 1')")]
    [InlineData("- version: 1", "1:1", "the file must be a mapping of keys, not a list (write 'key: value' lines, starting with 'version: 1')")]
    public void DocumentLevelErrors(string yaml, string lineColumn, string expected)
    {
        Assert.Equal($"{App}:{lineColumn}: {expected}", Assert.Single(Errors(yaml)));
    }

    [Fact]
    public void EveryErrorIsReportedNotOnlyTheFirst()
    {
        var errors = Errors("""
            version: 1
            role: app
            personality: web
            state: [relative]
            files:
              - path: /a
                source: /abs
                mode: "999"
            hooks:
              - run: h
                timeout: forever
            services:
              levels: "9"
            """);
        Assert.Equal(
            [
                $"{App}:4:9: bad state path: 'relative' is a relative path; write it as an absolute path starting with /",
                $"{App}:7:13: bad source: '/abs' is an absolute path; write it relative to the volume root, e.g. files/app.conf (the source is a file on this volume, relative to its root)",
                $"{App}:8:11: bad mode '999' (write 3 or 4 octal digits in quotes, e.g. mode: \"0640\")",
                $"{App}:13:11: bad run levels '9' (write digits 0-6, each once, in quotes, e.g. levels: \"345\")",
                $"{App}:11:14: bad timeout 'forever' (write seconds (30 or 30s) or minutes (5m), at most 10m)",
            ],
            errors);
    }

    [Fact]
    public void StructuralAndValueErrorsAreReportedInOneRun()
    {
        // Structural errors first (the scanner's pass), then what the values lack: the source, the personality.
        var errors = Errors("version: 1\nrole: app\nsevices: {}\nstate: /a\nfiles:\n  - pth: /x\n");
        Assert.Equal(
            [
                $"{App}:3:1: unknown key 'sevices' (did you mean 'services'?)",
                $"{App}:4:8: 'state' must be a list, not a single value (write [a, b] or one '- item' per line)",
                $"{App}:6:5: unknown key 'pth' (did you mean 'path'?)",
                $"{App}:1:1: an app manifest needs 'personality' (name the personality, e.g. 'personality: web')",
                $"{App}:6:5: a file entry needs 'source' (the file on the volume, e.g. 'source: files/app.conf')",
            ],
            errors);
    }

    [Fact]
    public void BadValuesBesideAStructuralErrorAreReportedAndTheManifestIsStillRefused()
    {
        var errors = Errors("""
            version: 1
            role: app
            personality: web
            colour: blue
            state: [relative, [/nested]]
            files:
              - path: [/a, /b]
                source: a
                mode: "999"
            services: {on: [httpd], off: [httpd]}
            hooks:
              - run: h
                timeout: !!str forever
            """);
        Assert.Equal(
            [
                $"{App}:4:1: unknown key 'colour' (expected one of: version, role, personality, hostname, state, files, mounts, services, hooks, network)",
                $"{App}:5:19: an item of 'state' must be a single value, not a list (write one value; quote it if it contains ': ' or starts with a special character)",
                $"{App}:7:11: 'path' must be a single value, not a list (write one value; quote it if it contains ': ' or starts with a special character)",
                $"{App}:13:14: tags (tag:yaml.org,2002:str) are not allowed (leave the tag out; quote the value if it must stay text)",
                $"{App}:5:9: bad state path: 'relative' is a relative path; write it as an absolute path starting with /",
                $"{App}:9:11: bad mode '999' (write 3 or 4 octal digits in quotes, e.g. mode: \"0640\")",
                $"{App}:10:31: service 'httpd' is both on ({App}:10:17) and off (keep it in one list)",
                $"{App}:13:14: bad timeout 'forever' (write seconds (30 or 30s) or minutes (5m), at most 10m)",
            ],
            errors);
    }

    [Theory]
    [InlineData("files:\n  - pth: /x\n    source: a", "4:5", "unknown key 'pth' (did you mean 'path'?)")]
    [InlineData("versio: 1", "3:1", "unknown key 'versio' (did you mean 'version'?)")]
    [InlineData("files:\n  - path: {a: b}\n    source: a", "4:11", "'path' must be a single value, not a mapping (write one value; quote it if it contains ': ' or starts with a special character)")]
    [InlineData("files:\n  - 5\n", "4:5", "an item of 'files' must be a mapping, not a single value (write 'key: value' lines (keys: path, source, mode, owner, how))")]
    public void AStructuralErrorIsNotReportedAgainAsAMissingValue(string tail, string lineColumn, string expected)
    {
        // The key stands misspelt or its value has the wrong shape: "needs 'path'" or "has no value" would say it twice.
        var yaml = tail.StartsWith("versio", StringComparison.Ordinal)
            ? $"{tail}\nrole: app\npersonality: web\n"
            : $"version: 1\nrole: app\n{tail}\npersonality: web\n";
        var errors = Errors(yaml);
        Assert.Equal($"{App}:{(tail.StartsWith("versio", StringComparison.Ordinal) ? "1:1" : lineColumn)}: {expected}", Assert.Single(errors));
    }

    [Fact]
    public void ATabDeepInTheFileIsReportedWhereItIs()
    {
        // YamlDotNet says 1:1 (where the enclosing block starts); the tab is on line 11.
        var errors = Errors("version: 1\nrole: app\npersonality: web\nstate:\n  - /var/lib/a\n  - /var/lib/b\n" +
                            "services:\n  on: [httpd]\n  off: [cups]\nfiles:\n\t- {path: /etc/x, source: files/x}\n");
        Assert.Equal($"{App}:11:1: a tab in the indentation (YAML indents with spaces only: replace the tab with spaces)", Assert.Single(errors));
    }

    [Fact]
    public void EveryTabInTheIndentationIsNamed()
    {
        var errors = Errors("version: 1\nrole: app\npersonality: web\nfiles:\n  - path: /etc/x\n    source: files/x\n\tmode: \"0644\"\n  \t  how: copy\n");
        Assert.Equal(
            [
                $"{App}:7:1: a tab in the indentation (YAML indents with spaces only: replace the tab with spaces)",
                $"{App}:8:3: a tab in the indentation (YAML indents with spaces only: replace the tab with spaces)",
            ],
            errors);
    }

    [Fact]
    public void ParseOriginsUseTheVolumeName()
    {
        var d = new Diagnostics();
        ManifestReader.Parse("PERS_HOST", "version: 1\nrole: host\npersonality: web\n", d);
        Assert.Equal(new Origin(Host, 3, 1), Assert.Single(d.All).Origin);
    }
}
