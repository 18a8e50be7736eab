using Personality.Core;
using Personality.Manifests;
using Personality.Ownership;

namespace Personality.Tests.Ownership;

/// <summary>
/// A hook runs a config volume's program as root at boot: the image's policy may deny a role
/// that right (`hooks: false`). The built-in policy lets both roles run hooks, as before.
/// </summary>
public class HookPolicyTests
{
    private static Claim Hook(Role role, int line) => new(role, ClaimKind.Hook, "hooks/10-x.sh", new Origin($"{role}:personality.yaml", line, 5));

    [Fact]
    public void TheBuiltInPolicyLetsBothRolesRunHooks()
    {
        var (rejected, errors) = OwnershipCheckTests.Check(OwnershipPolicy.Default, Hook(Role.Host, 3), Hook(Role.App, 4));
        Assert.Empty(rejected);
        Assert.Empty(errors);
    }

    [Fact]
    public void APolicyCanDenyOneRoleItsHooksAndNamesWhere()
    {
        var d = new Diagnostics();
        var policy = OwnershipPolicy.Parse("""
            version: 1
            roles:
              host:
                paths: [/etc/hosts]
                hostname: true
              app:
                paths: ["*"]
                services: ["*"]
                hooks: false

            """, "/etc/personality/ownership.yaml", d)!;
        Assert.Empty(d.All);

        var app = Hook(Role.App, 7);
        var (rejected, errors) = OwnershipCheckTests.Check(policy, Hook(Role.Host, 3), app);

        Assert.Equal([app], rejected);
        Assert.Equal(["App:personality.yaml:7:5: the app role may not run hooks (forbidden by /etc/personality/ownership.yaml:9:5)"], errors);
    }

    [Fact]
    public void AHooksValueOtherThanTrueOrFalseIsAnError()
    {
        var d = new Diagnostics();
        Assert.Null(OwnershipPolicy.Parse("version: 1\nroles:\n  app:\n    hooks: maybe\n", "o.yaml", d));
        Assert.Contains(d.All, x => x.ToString().StartsWith("o.yaml:4:12: 'hooks' must be true or false, not 'maybe'"));
    }
}
