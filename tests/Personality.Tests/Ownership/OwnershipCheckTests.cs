using Personality.Core;
using Personality.Manifests;
using Personality.Ownership;

namespace Personality.Tests.Ownership;

public class OwnershipCheckTests
{
    private const string HostFile = "PERS_HOST:personality.yaml";
    private const string AppFile = "PERS_APP:personality.yaml";
    private const string BuiltIn = "built-in ownership policy";

    private static Claim HostPath(string path, int line = 9, int column = 5) => new(Role.Host, ClaimKind.Path, path, new Origin(HostFile, line, column));
    private static Claim AppPath(string path, int line = 12, int column = 7) => new(Role.App, ClaimKind.Path, path, new Origin(AppFile, line, column));
    private static Claim HostService(string name, int line = 9, int column = 5) => new(Role.Host, ClaimKind.Service, name, new Origin(HostFile, line, column));
    private static Claim AppService(string name, int line = 12, int column = 7) => new(Role.App, ClaimKind.Service, name, new Origin(AppFile, line, column));

    private static (IReadOnlySet<Claim> Rejected, List<string> Errors) Check(params Claim[] claims) => Check(OwnershipPolicy.Default, claims);

    internal static (IReadOnlySet<Claim> Rejected, List<string> Errors) Check(OwnershipPolicy policy, params Claim[] claims)
    {
        var d = new Diagnostics();
        var rejected = policy.Check(claims, d);
        Assert.All(d.All, x => Assert.Equal(Severity.Error, x.Severity));
        return (rejected, d.All.Select(x => x.ToString()).ToList());
    }

    [Fact]
    public void EachRoleMayTouchWhatItOwns()
    {
        var (rejected, errors) = Check(
            HostPath("/etc/ssh"), HostPath("/etc/hosts"), HostPath("/etc/sysconfig/network-scripts/ifcfg-eth0"), HostPath("/root/.ssh"),
            HostService("sshd"), HostService("network"), new Claim(Role.Host, ClaimKind.Hostname, "web01", new Origin(HostFile, 3, 1)),
            AppPath("/var/lib/web"), AppPath("/etc/web/app.conf"), AppPath("/opt/web"), AppPath("/etc/sysconfig/httpd"),
            AppService("httpd"), AppService("cups"));
        Assert.Empty(errors);
        Assert.Empty(rejected);
    }

    [Theory]
    // a role touching the other role's path
    [InlineData(Role.Host, "/var/lib/web", $"{HostFile}:9:5: the host role may not touch /var/lib/web: it belongs to the app role (owned by {BuiltIn})")]
    [InlineData(Role.App, "/etc/ssh/sshd_config", $"{AppFile}:12:7: the app role may not touch /etc/ssh/sshd_config: it belongs to the host role (owned by {BuiltIn})")]
    [InlineData(Role.App, "/etc/resolv.conf", $"{AppFile}:12:7: the app role may not touch /etc/resolv.conf: it belongs to the host role (owned by {BuiltIn})")]
    // covering a path the other role owns
    [InlineData(Role.App, "/root", $"{AppFile}:12:7: the app role may not touch /root: it would cover /root/.ssh, which belongs to the host role (claim paths inside it that leave /root/.ssh alone; owned by {BuiltIn})")]
    // forbidden: equal, below, covering, and / itself
    [InlineData(Role.App, "/etc/shadow", $"{AppFile}:12:7: /etc/shadow is forbidden: no config volume may touch it (forbidden by {BuiltIn})")]
    [InlineData(Role.Host, "/etc/passwd", $"{HostFile}:9:5: /etc/passwd is forbidden: no config volume may touch it (forbidden by {BuiltIn})")]
    [InlineData(Role.App, "/usr/local/x", $"{AppFile}:12:7: /usr/local/x is forbidden: it is inside /usr, which no config volume may touch (forbidden by {BuiltIn})")]
    [InlineData(Role.App, "/etc/sudoers.d/web", $"{AppFile}:12:7: /etc/sudoers.d/web is forbidden: it is inside /etc/sudoers.d, which no config volume may touch (forbidden by {BuiltIn})")]
    [InlineData(Role.App, "/etc/personality/ownership.yaml", $"{AppFile}:12:7: /etc/personality/ownership.yaml is forbidden: it is inside /etc/personality, which no config volume may touch (forbidden by {BuiltIn})")]
    [InlineData(Role.App, "/lib64/x", $"{AppFile}:12:7: /lib64/x is forbidden: it is inside /lib64, which no config volume may touch (forbidden by {BuiltIn})")]
    [InlineData(Role.App, "/var/run/personality", $"{AppFile}:12:7: /var/run/personality is forbidden: no config volume may touch it (forbidden by {BuiltIn})")]
    [InlineData(Role.App, "/etc", $"{AppFile}:12:7: /etc would cover /etc/passwd, which no config volume may touch (claim a path inside it that leaves /etc/passwd alone; forbidden by {BuiltIn})")]
    [InlineData(Role.App, "/var", $"{AppFile}:12:7: /var would cover /var/run/personality, which no config volume may touch (claim a path inside it that leaves /var/run/personality alone; forbidden by {BuiltIn})")]
    [InlineData(Role.Host, "/", $"{HostFile}:9:5: / is forbidden: no config volume may touch it (forbidden by {BuiltIn})")]
    public void APathTheRoleMayNotTouchIsRejected(Role role, string path, string expected)
    {
        var claim = role == Role.Host ? HostPath(path) : AppPath(path);
        var (rejected, errors) = Check(claim);
        Assert.Equal([expected], errors);
        Assert.Equal([claim], rejected);
    }

    [Fact]
    public void AServiceOwnedByTheOtherRoleIsRejected()
    {
        var (rejected, errors) = Check(AppService("sshd"), HostService("httpd"));
        Assert.Equal(
            [
                $"{AppFile}:12:7: the app role may not switch service 'sshd': it belongs to the host role (owned by {BuiltIn})",
                $"{HostFile}:9:5: the host role may not switch service 'httpd': it belongs to the app role (owned by {BuiltIn})",
            ],
            errors);
        Assert.Equal(2, rejected.Count);
    }

    [Fact]
    public void TheAppRoleMayNotSetTheHostname()
    {
        var claim = new Claim(Role.App, ClaimKind.Hostname, "web01", new Origin(AppFile, 4, 1));
        var (rejected, errors) = Check(claim);
        Assert.Equal([$"{AppFile}:4:1: the app role may not set the hostname: it belongs to the host role (owned by {BuiltIn})"], errors);
        Assert.Equal([claim], rejected);
    }

    [Fact]
    public void TwoRolesClaimingOnePathNamesBothOriginsAndTheOwnersClaimStands()
    {
        var host = HostPath("/etc/hosts");
        var app = AppPath("/etc/hosts");
        var (rejected, errors) = Check(host, app);
        Assert.Equal(
            [$"{AppFile}:12:7: {HostFile}:9:5 and {AppFile}:12:7 both claim /etc/hosts ({AppFile}:12:7 is ignored: the app role may not touch /etc/hosts: it belongs to the host role)"],
            errors);
        Assert.Equal([app], rejected);
    }

    [Fact]
    public void TwoRolesClaimingNestedPathsNamesBothOrigins()
    {
        var host = HostPath("/etc/ssh");
        var app = AppPath("/etc/ssh/sshd_config");
        var (rejected, errors) = Check(app, host);
        Assert.Equal(
            [$"{AppFile}:12:7: {HostFile}:9:5 claims /etc/ssh and {AppFile}:12:7 claims /etc/ssh/sshd_config inside it ({AppFile}:12:7 is ignored: the app role may not touch /etc/ssh/sshd_config: it belongs to the host role)"],
            errors);
        Assert.Equal([app], rejected);
    }

    [Fact]
    public void TheOuterClaimOfANestedPairCanBeTheWrongOne()
    {
        var host = HostPath("/var/lib/web");          // the app role's
        var app = AppPath("/var/lib/web/cache");
        var (rejected, errors) = Check(host, app);
        Assert.Equal(
            [$"{HostFile}:9:5: {HostFile}:9:5 claims /var/lib/web and {AppFile}:12:7 claims /var/lib/web/cache inside it ({HostFile}:9:5 is ignored: the host role may not touch /var/lib/web: it belongs to the app role)"],
            errors);
        Assert.Equal([host], rejected);
    }

    [Fact]
    public void TwoRolesClaimingOneServiceNamesBothOrigins()
    {
        var host = HostService("sshd", 7, 8);
        var app = AppService("sshd", 15, 12);
        var (rejected, errors) = Check(host, app);
        Assert.Equal(
            [$"{AppFile}:15:12: {HostFile}:7:8 and {AppFile}:15:12 both claim service 'sshd' ({AppFile}:15:12 is ignored: the app role may not switch service 'sshd': it belongs to the host role)"],
            errors);
        Assert.Equal([app], rejected);
    }

    [Fact]
    public void WhenNeitherClaimMayStandBothAreRejected()
    {
        // Both roles claim a service this policy gives to nobody.
        var policy = OwnershipPolicy.Parse("version: 1\nroles:\n  host:\n    services: [sshd]\n  app:\n    services: [httpd]\n", "o.yaml", new Diagnostics())!;
        var host = HostService("cups");
        var app = AppService("cups");
        var (rejected, errors) = Check(policy, host, app);
        Assert.Equal(
            [$"{AppFile}:12:7: {HostFile}:9:5 and {AppFile}:12:7 both claim service 'cups' (both are ignored: the host role may not switch service 'cups': no role owns it; the app role may not switch service 'cups': no role owns it)"],
            errors);
        Assert.Equal(2, rejected.Count);
    }

    [Fact]
    public void ErrorsFollowTheOrderOfTheClaims()
    {
        var (_, errors) = Check(AppPath("/etc/shadow", 3, 9), AppService("sshd", 5, 8), AppPath("/boot", 7, 9));
        Assert.Equal([$"{AppFile}:3:9", $"{AppFile}:5:8", $"{AppFile}:7:9"], errors.Select(e => e[..e.IndexOf(": ", StringComparison.Ordinal)]));
    }

    [Fact]
    public void ClaimsOfAManifestCoverPathsServicesHooksAndHostname()
    {
        var m = ManifestReader.Parse("PERS_HOST", """
            version: 1
            role: host
            hostname: web01
            state: [/etc/ssh]
            files:
              - path: /etc/hosts
                source: files/hosts
            mounts:
              - label: NET
                path: /etc/sysconfig/network-scripts
            services:
              on: [network]
              off: [NetworkManager]
            hooks:
              - run: hooks/x
            """, new Diagnostics())!;
        Assert.Equal(
            [
                new Claim(Role.Host, ClaimKind.Path, "/etc/ssh", new Origin(HostFile, 4, 9)),
                new Claim(Role.Host, ClaimKind.Path, "/etc/hosts", new Origin(HostFile, 6, 5)),
                new Claim(Role.Host, ClaimKind.Path, "/etc/sysconfig/network-scripts", new Origin(HostFile, 9, 5)),
                new Claim(Role.Host, ClaimKind.Service, "network", new Origin(HostFile, 12, 8)),
                new Claim(Role.Host, ClaimKind.Service, "NetworkManager", new Origin(HostFile, 13, 9)),
                new Claim(Role.Host, ClaimKind.Hook, "hooks/x", new Origin(HostFile, 15, 5)),
                new Claim(Role.Host, ClaimKind.Hostname, "web01", new Origin(HostFile, 3, 1)),
            ],
            Claim.AllOf(m));
        var (rejected, errors) = Check([.. Claim.AllOf(m)]);
        Assert.Empty(errors);
        Assert.Empty(rejected);
    }

    [Fact]
    public void ABadPathIsRejected()
    {
        var (rejected, errors) = Check(AppPath("relative"));
        Assert.Equal([$"{AppFile}:12:7: bad path: 'relative' is a relative path; write it as an absolute path starting with /"], errors);
        Assert.Single(rejected);
    }
}
