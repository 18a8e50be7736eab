using Personality.Items.Files;
using Personality.Items.Hooks;
using Personality.Items.Mounts;
using Personality.Items.Network;
using Personality.Items.Services;
using Personality.Manifests;
using Personality.Ownership;
using Personality.Validate;

namespace Personality.Tests.Validate;

/// <summary>personality(8) covers the whole product: manifests, hooks, ownership, its files and exit codes as implemented.</summary>
public class ManPageCoverageTests
{
    private static string Page()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "Personality.sln"))) dir = dir.Parent;
        return File.ReadAllText(Path.Combine(dir?.FullName ?? throw new InvalidOperationException("no Personality.sln"), "docs", "personality.8"));
    }

    /// <summary>The text of one .SH section, up to the next.</summary>
    private static string Section(string name)
    {
        var page = Page();
        var start = page.IndexOf($".SH {name}\n", StringComparison.Ordinal);
        Assert.True(start >= 0, $"no section {name}");
        var end = page.IndexOf("\n.SH ", start + 1, StringComparison.Ordinal);
        return page[start..(end < 0 ? page.Length : end)];
    }

    private static string Roff(string text) => text.Replace("-", "\\-");

    [Fact]
    public void EveryManifestKeyIsDescribed()
    {
        var section = Section("CONFIG VOLUMES AND MANIFESTS") + Section("HOOKS"); // a hook's keys are described with hooks
        var keys = ManifestSchema.Root.Keys.Concat(FileDto.Shape.Keys).Concat(MountDto.Shape.Keys)
            .Concat(ServicesDto.Shape.Keys).Concat(HookDto.Shape.Keys).Concat(NetworkDto.Shape.Keys).Concat(InterfaceDto.Shape.Keys).Distinct();
        foreach (var key in keys)
            Assert.Contains($".B {key}\n", section);
        Assert.Contains("personality validate", section);
    }

    [Fact]
    public void HooksAreDescribedWithTheirEnvironmentAndBounds()
    {
        var section = Section("HOOKS");
        foreach (var name in new[] { "PERSONALITY_ROLE", "PERSONALITY_NAME", "PERSONALITY_VOLUME", "PATH=/sbin:/usr/sbin:/bin:/usr/bin", "HOME=/", "LANG=C" })
            Assert.Contains(name, section);
        Assert.Contains($"last {HookExecutorLimitKiB} KiB", section);
        Assert.Contains("default 30s, from 1s to 10m", section);
    }

    private static int HookExecutorLimitKiB => Personality.Apply.Executors.HookExecutor.OutputLimitBytes / 1024;

    [Fact]
    public void TheOwnershipPolicyIsDescribedWithTheBuiltInDefaultAndEveryForbiddenPath()
    {
        var section = Section("OWNERSHIP POLICY");
        foreach (var path in OwnershipPolicy.BuiltInForbidden.Where(p => p != "/"))
            Assert.Contains($"{Roff(path)} ", section.Replace("\"", " ").Replace(",", " ").Replace(")", " ").Replace("\n", " "));
        foreach (var item in OwnershipPolicy.DefaultHostPaths.Concat(OwnershipPolicy.DefaultHostServices))
            Assert.Contains(Roff(item), section);
        foreach (var key in new[] { "paths", "services", "hostname", "hooks", "forbidden" })
            Assert.Contains($".B {key}\n", section);
    }

    [Fact]
    public void FilesNameEveryFileTheProductReadsOrWrites()
    {
        var section = Section("FILES");
        foreach (var file in new[] { "/etc/sysconfig/personality", "/etc/sysconfig/readonly\\-root", "/etc/rwtab", "/etc/statetab", "/etc/fstab",
                     "/etc/personality/ownership.yaml", "/personality.yaml", "/state/", "/var/run/personality/status.json",
                     "/var/run/personality/boot.pid", "/var/log/personality.log", "/.personality/history.json",
                     "/.personality/services.json", "/.personality/files.json" })
            Assert.Contains(file, section);
    }

    [Fact]
    public void EveryValidateKindIsNamed()
    {
        var page = Page();
        Assert.Contains($"({string.Join(", ", FileValidators.AllKinds)})", page);
    }

    [Fact]
    public void ExitStatusesAreThoseImplemented()
    {
        var section = Section("EXIT STATUS");
        Assert.Contains("A usage error exits 64.", section); // boot
        Assert.Contains("usage error (EX_USAGE", section); // status
        Assert.Equal(2, section.Split("64 on a usage error").Length - 1); // dry-run, validate
        Assert.Contains("(which chkconfig has not) exits 64", section.Replace("\n", " ").Replace(".B \\-\\-root ", "--root "));
        Assert.Contains("64 when no command, or an unknown one, is given.", section);
        Assert.Contains("exits 70 (EX_SOFTWARE)", section);
        Assert.Contains("Try 'personality dry\\-run \\-\\-help'.", section);
    }
}
