using Personality.IntegrationTests.Harness;
using Xunit;

namespace Personality.IntegrationTests;

/// <summary>Which rwtab files are read: /etc/rwtab, /etc/rwtab.d/* but not backups, and the initramfs hand-off.</summary>
[Collection("root")]
public sealed class RwtabFilesTests
{
    private static readonly string[] Ignored = ["sample~", "sample.bak", "sample.orig", "sample.rpmnew", "sample.rpmorig", "sample.rpmsave", "sample.old"];

    [Fact]
    public void RwtabDirectoryAndInitramfsAreReadAndBackupFilesIgnored()
    {
        using var tree = GuestTree.Create("rwtabd");
        tree.WriteReadonlyRoot(Labels.Unique(), Labels.Unique());
        tree.WriteRwtab("dirs /var/from-etc\n");
        tree.WriteRwtab("files /var/from-d\n", "/etc/rwtab.d/sample");
        tree.WriteRwtab("empty /var/from-initramfs\n", "/run/initramfs/rwtab");
        tree.Seed("/var/from-etc", isDirectory: true);
        tree.Seed("/var/from-d", isDirectory: true);
        tree.Seed("/var/from-initramfs", isDirectory: true);
        for (var i = 0; i < Ignored.Length; i++)
        {
            tree.WriteRwtab($"files /var/ignored{i}\n", "/etc/rwtab.d/" + Ignored[i]);
            tree.Seed($"/var/ignored{i}", isDirectory: true);
        }

        var obs = tree.Run("boot 1 ''");
        var boot = obs.Boot(1);
        var status = Expect.Booted(boot, tree);
        Expect.Result("applied", boot);
        Expect.NoDiagnostics(boot);
        Expect.Step(boot, "/var/from-etc", "bind", "applied", "/etc/rwtab", 1);
        Expect.Step(boot, "/var/from-d", "bind", "applied", "/etc/rwtab.d/sample", 1);
        Expect.Step(boot, "/var/from-initramfs", "bind", "applied", "/run/initramfs/rwtab", 1);
        for (var i = 0; i < Ignored.Length; i++)
        {
            Expect.NoMountAt(boot, tree, $"/var/ignored{i}");
            Expect.True(!status.Steps.Any(s => (s.Origin ?? "").Contains(Ignored[i])), $"{Ignored[i]} was read", boot);
        }
    }
}
