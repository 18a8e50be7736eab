using Personality.Core;
using Personality.Manifests;
using Personality.Ownership;

namespace Personality.Tests.Ownership;

public class OwnershipFileTests
{
    private const string File = OwnershipPolicy.GuestFile;
    private const string AppFile = "PERS_APP:personality.yaml";
    private const string HostFile = "PERS_HOST:personality.yaml";

    private const string Custom = """
        version: 1
        roles:
          host:
            paths: [/etc/ssh, /opt/monitoring]
            services: ["*"]
            hostname: true
          app:
            paths: [/opt, /var/lib/web]
            services: [httpd]
            hostname: false
        forbidden: [/srv/secret]
        """;

    private static OwnershipPolicy ParseOk(string text)
    {
        var d = new Diagnostics();
        var policy = OwnershipPolicy.Parse(text, File, d);
        Assert.True(d.All.Count == 0, string.Join("\n", d.All));
        return Assert.IsType<OwnershipPolicy>(policy);
    }

    private static List<string> Errors(string text)
    {
        var d = new Diagnostics();
        Assert.Null(OwnershipPolicy.Parse(text, File, d));
        Assert.NotEmpty(d.All);
        return d.All.Select(x => x.ToString()).ToList();
    }

    private static Claim App(ClaimKind kind, string value) => new(Role.App, kind, value, new Origin(AppFile, 12, 7));
    private static Claim Host(ClaimKind kind, string value) => new(Role.Host, kind, value, new Origin(HostFile, 9, 5));

    [Fact]
    public void ACustomPolicyDecidesWhoOwnsWhat()
    {
        var policy = ParseOk(Custom);
        Assert.Equal(new Origin(File, 1), policy.Origin);
        Assert.Equal($"{File}:1", policy.Origin.ToString());

        var fine = new[]
        {
            App(ClaimKind.Path, "/opt/web"), App(ClaimKind.Path, "/var/lib/web/data"), App(ClaimKind.Service, "httpd"),
            Host(ClaimKind.Path, "/opt/monitoring/agent.conf"), Host(ClaimKind.Service, "cups"), Host(ClaimKind.Hostname, "web01"),
        };
        var (rejected, errors) = OwnershipCheckTests.Check(policy, fine);
        Assert.Empty(errors);
        Assert.Empty(rejected);

        (_, errors) = OwnershipCheckTests.Check(policy,
            App(ClaimKind.Path, "/opt/monitoring/x"), App(ClaimKind.Path, "/var/tmp"), App(ClaimKind.Service, "cups"),
            App(ClaimKind.Path, "/srv/secret/key"), App(ClaimKind.Path, "/etc/shadow"), App(ClaimKind.Path, "/opt"));
        Assert.Equal(
            [
                $"{AppFile}:12:7: the app role may not touch /opt/monitoring/x: it belongs to the host role (owned by {File}:4:23)",
                $"{AppFile}:12:7: the app role may not touch /var/tmp: no role owns it (see {File}:1)",
                $"{AppFile}:12:7: the app role may not switch service 'cups': it belongs to the host role (owned by {File}:5:16)",
                $"{AppFile}:12:7: /srv/secret/key is forbidden: it is inside /srv/secret, which no config volume may touch (forbidden by {File}:11:13)",
                $"{AppFile}:12:7: /etc/shadow is forbidden: no config volume may touch it (forbidden by built-in ownership policy)",
                $"{AppFile}:12:7: the app role may not touch /opt: it would cover /opt/monitoring, which belongs to the host role (claim paths inside it that leave /opt/monitoring alone; owned by {File}:4:23)",
            ],
            errors);
    }

    [Fact]
    public void TheBuiltInForbiddenPathsStayWhateverTheFileSays()
    {
        var policy = ParseOk("version: 1\nroles:\n  app:\n    paths: [\"*\"]\n");
        Assert.Contains("/etc/shadow", policy.Forbidden);
        Assert.Contains("/sbin/personality", policy.Forbidden);
        var (_, errors) = OwnershipCheckTests.Check(policy, App(ClaimKind.Path, "/usr/local/bin/x"), App(ClaimKind.Service, "httpd"));
        Assert.Equal(
            [
                $"{AppFile}:12:7: /usr/local/bin/x is forbidden: it is inside /usr, which no config volume may touch (forbidden by built-in ownership policy)",
                $"{AppFile}:12:7: the app role may not switch service 'httpd': no role owns it (see {File}:1)",
            ],
            errors);
    }

    [Fact]
    public void TheDocumentedDefaultIsTheBuiltInPolicy()
    {
        var parsed = ParseOk(OwnershipPolicy.DefaultText);
        var builtIn = OwnershipPolicy.Default;
        Assert.Equal(Origin.Of("built-in ownership policy"), builtIn.Origin);
        foreach (var role in new[] { Role.Host, Role.App })
        {
            var (a, b) = (parsed.Rules(role), builtIn.Rules(role));
            Assert.Equal(b.Paths.Select(p => p.Value), a.Paths.Select(p => p.Value));
            Assert.Equal(b.Services.Select(p => p.Value), a.Services.Select(p => p.Value));
            Assert.Equal(b.Rest is null, a.Rest is null);
            Assert.Equal(b.AllServices is null, a.AllServices is null);
            Assert.Equal(b.Hostname is null, a.Hostname is null);
        }
        Assert.Equal(builtIn.Forbidden, parsed.Forbidden);
        Assert.Equal(
            ["/", "/etc/passwd", "/etc/shadow", "/etc/group", "/etc/gshadow", "/etc/sudoers", "/etc/sudoers.d", "/boot", "/bin", "/sbin",
             "/lib", "/lib32", "/lib64", "/libx32", "/usr", "/proc", "/sys", "/dev", "/etc/personality", "/etc/sysconfig/personality",
             "/etc/sysconfig/readonly-root", "/etc/rwtab", "/etc/rwtab.d", "/etc/statetab", "/etc/statetab.d", "/var/run/personality",
             "/run/personality", "/sbin/personality", "/var/log/personality.log"],
            builtIn.Forbidden);
    }

    [Theory]
    [InlineData("roels: {}", "2:1", "unknown key 'roels' (did you mean 'roles'?)")]
    [InlineData("roles:\n  hots: {}", "3:3", "unknown key 'hots' (did you mean 'host'?)")]
    [InlineData("roles:\n  host:\n    pahts: [/etc/ssh]", "4:5", "unknown key 'pahts' (did you mean 'paths'?)")]
    [InlineData("roles:\n  host:\n    paths: /etc/ssh", "4:12", "'paths' must be a list, not a single value (write [a, b] or one '- item' per line)")]
    [InlineData("roles:\n  host:\n    hostname: yes", "4:15", "'hostname' must be true or false, not 'yes' (write 'hostname: true' for the role that sets the hostname)")]
    [InlineData("roles:\n  host:\n    paths: [etc/ssh]", "4:13", "bad path: 'etc/ssh' is a relative path; write it as an absolute path starting with /")]
    [InlineData("roles:\n  host:\n    paths: [/]", "4:13", "a role cannot own / (write \"*\" to give a role every path no other role owns)")]
    [InlineData("roles:\n  app:\n    paths: [/usr/local]", "4:13", "/usr/local is forbidden (by built-in ownership policy), so no role can own it (remove it from the role's paths)")]
    [InlineData("roles:\n  app:\n    paths: [/opt, /opt/]", "4:19", "/opt is listed twice (the first is at /etc/personality/ownership.yaml:4:13; keep one)")]
    [InlineData("roles:\n  host:\n    paths: [/opt]\n  app:\n    paths: [/opt]", "6:13", "/etc/personality/ownership.yaml:4:13 and /etc/personality/ownership.yaml:6:13 both give /opt to a role (give each path to one role; a longer path may go to the other role)")]
    [InlineData("roles:\n  host:\n    services: [sshd]\n  app:\n    services: [sshd]", "6:16", "/etc/personality/ownership.yaml:4:16 and /etc/personality/ownership.yaml:6:16 both give service 'sshd' to a role (give each service to one role)")]
    [InlineData("roles:\n  host:\n    paths: [\"*\"]\n  app:\n    paths: [\"*\"]", "6:13", "/etc/personality/ownership.yaml:4:13 and /etc/personality/ownership.yaml:6:13 both give the rest of the paths (\"*\") to a role (only one role may own \"*\")")]
    [InlineData("roles:\n  host:\n    hostname: true\n  app:\n    hostname: true", "6:5", "/etc/personality/ownership.yaml:4:5 and /etc/personality/ownership.yaml:6:5 both let a role set the hostname (only one role may set the hostname)")]
    [InlineData("roles:\n  app:\n    services: [\"no good\"]", "4:16", "bad service name 'no good' (a service is the name of an init script or unit, or \"*\" for every other service)")]
    [InlineData("forbidden: [tmp]", "2:13", "bad path: 'tmp' is a relative path; write it as an absolute path starting with /")]
    [InlineData("roles:\n  app:\n    services: [*]", "4:16", "YAML syntax error: While scanning an anchor or alias, found value containing disallowed: []{}, ('*' and '&' start YAML aliases and anchors: quote such a value, e.g. \"*\")")]
    public void EachErrorNamesFileLineAndColumn(string tail, string lineColumn, string expected)
    {
        Assert.Equal([$"{File}:{lineColumn}: {expected}"], Errors($"version: 1\n{tail}\n"));
    }

    [Fact]
    public void StructuralAndValueErrorsAreReportedInOneRun()
    {
        Assert.Equal(
            [
                $"{File}:3:3: unknown key 'hots' (did you mean 'host'?)",
                $"{File}:7:15: 'hostname' must be a single value, not a list (write one value; quote it if it contains ': ' or starts with a special character)",
                $"{File}:6:13: bad path: 'relative' is a relative path; write it as an absolute path starting with /",
            ],
            Errors("version: 1\nroles:\n  hots:\n    paths: [/etc/ssh]\n  app:\n    paths: [relative]\n    hostname: [true]\n"));
    }

    [Theory]
    [InlineData("version: 2\n", "1:10", "unsupported version '2' (this personality reads version 1; write 'version: 1')")]
    [InlineData("roles: {}\n", "1:1", "'version' is missing (start the file with 'version: 1')")]
    public void TheVersionIsChecked(string text, string lineColumn, string expected)
    {
        Assert.Equal([$"{File}:{lineColumn}: {expected}"], Errors(text));
    }

    [Fact]
    public void ReadGivesTheDefaultWhenThereIsNoFile()
    {
        using var dir = new TempDir();
        var d = new Diagnostics();
        Assert.Same(OwnershipPolicy.Default, OwnershipPolicy.Read(Path.Combine(dir.Path, "ownership.yaml"), File, d));
        Assert.Empty(d.All);
    }

    [Fact]
    public void ReadShowsTheGuestPath()
    {
        using var dir = new TempDir();
        var host = dir.Write("etc/personality/ownership.yaml", "version: 1\nroles:\n  app:\n    paths: [relative]\n");
        var d = new Diagnostics();
        Assert.Null(OwnershipPolicy.Read(host, File, d));
        Assert.Equal(new Origin(File, 4, 13), Assert.Single(d.All).Origin);

        System.IO.File.WriteAllText(host, Custom);
        d = new Diagnostics();
        Assert.NotNull(OwnershipPolicy.Read(host, File, d));
        Assert.Empty(d.All);
    }

    [Fact]
    public void AHugePolicyFileIsRefusedUnread()
    {
        using var dir = new TempDir();
        var host = Path.Combine(dir.Path, "ownership.yaml");
        using (var f = new FileStream(host, FileMode.CreateNew)) f.SetLength(1L << 30);
        var d = new Diagnostics();
        Assert.Null(OwnershipPolicy.Read(host, File, d));
        Assert.StartsWith($"{File}: the file is 1073741824 bytes, more than the limit", Assert.Single(d.All).ToString());
    }
}

/// <summary>The ownership.yaml the RPM installs must say what the built-in policy says.</summary>
public class PackagedOwnershipFileTests
{
    [Fact]
    public void ThePackagedFileIsTheBuiltInPolicyWithAHeader()
    {
        var repo = new DirectoryInfo(AppContext.BaseDirectory);
        while (repo is not null && !File.Exists(Path.Combine(repo.FullName, "Personality.sln"))) repo = repo.Parent;
        var packaged = File.ReadAllText(Path.Combine(repo!.FullName, "rpm/ownership.yaml"));
        var body = string.Join('\n', packaged.Split('\n').SkipWhile(line => line.StartsWith('#')));
        Assert.Equal(Personality.Ownership.OwnershipPolicy.DefaultText.TrimEnd('\n'), body.TrimEnd('\n'));
    }
}
