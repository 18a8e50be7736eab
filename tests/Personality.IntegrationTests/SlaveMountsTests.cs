using Personality.IntegrationTests.Harness;
using Xunit;
using Xunit.Abstractions;

namespace Personality.IntegrationTests;

/// <summary>
/// SLAVE_MOUNTS (default yes): Red Hat makes every bind mount a slave ("mount --bind --make-slave"), so
/// mounts made later below a writable area do not propagate back over the root. In a private namespace
/// every mount is private and the difference cannot be seen, so the scripts first make the whole
/// namespace shared: the areas mounted below it are then shared, a bind of a shared source joins its
/// peer group (shared:N), and making it a slave turns that into master:N.
/// </summary>
[Collection("root")]
public sealed class SlaveMountsTests(ITestOutputHelper output)
{
    private static readonly string[] RwtabBinds = ["/var/log", "/var/lib/app"];
    private const string StatetabBind = "/var/lib/foo";

    /// <summary>
    /// Default (SLAVE_MOUNTS unset, i.e. yes): each bind is a slave of its area's peer group.
    /// SLAVE_MOUNTS=no: each bind stays a peer of its area.
    /// </summary>
    [Theory]
    [InlineData(null, "yes", true)]
    [InlineData("no", "no", false)]
    public void BindsAreSlavesOfTheirAreaUnlessSlaveMountsIsNo(string? slaveMounts, string effective, bool slaves)
    {
        var (obs, tree, stateDevice) = Boot(slaveMounts, out var disposables);
        using var _ = disposables;
        var boot = obs.Boot(1);
        var status = Expect.Booted(boot, tree);
        Expect.Result("applied", boot);
        Assert.Equal(effective, status.Setting("SLAVE_MOUNTS"));
        var table = Propagation(obs, boot);

        foreach (var (area, binds) in Areas())
        {
            var a = At(table, tree, area, boot);
            Expect.True(a.Shared is not null, $"the area {area} should be shared under a shared parent: {a}", boot);
            foreach (var path in binds)
            {
                var b = At(table, tree, path, boot);
                if (slaves)
                    Expect.True(b.Master == a.Shared && b.Shared is null,
                        $"{path} should be a slave of {area}'s peer group (master:{a.Shared}, no shared:), got {b}", boot);
                else
                    Expect.True(b.Shared == a.Shared && b.Master is null,
                        $"{path} should be a peer of {area} (shared:{a.Shared}, no master:), got {b}", boot);
            }
        }
        Expect.True(Expect.MountAt(boot, tree, StatetabBind).Source == stateDevice, $"{StatetabBind} not from the state volume", boot);
    }

    private static IEnumerable<(string Area, string[] Binds)> Areas() =>
        [(GuestTree.RwMount, RwtabBinds), (GuestTree.StateMount, [StatetabBind])];

    private (Observations, GuestTree, string) Boot(string? slaveMounts, out Disposables disposables)
    {
        disposables = new Disposables();
        try
        {
            var stateLabel = Labels.Unique();
            var volume = disposables.Add(LoopVolume.Create(FsType.Ext4, stateLabel));
            var tree = disposables.Add(GuestTree.Create("slave-" + (slaveMounts ?? "default")));
            if (slaveMounts is null)
                tree.WriteReadonlyRoot(Labels.Unique(), stateLabel);
            else
                tree.WriteReadonlyRoot(Labels.Unique(), stateLabel, ("SLAVE_MOUNTS", slaveMounts));
            tree.WriteRwtab("dirs /var/log\nfiles /var/lib/app\n");
            tree.Seed("/var/lib/app", isDirectory: true);
            tree.WriteStatetab(StatetabBind + "\n");
            tree.Seed(StatetabBind, isDirectory: true);
            // Everything in this (private, throw-away) namespace becomes shared, each mount its own peer group.
            var obs = tree.Run("mount --make-rshared / || exit 97\nmounts before\nboot 1 ''");
            Assert.True(obs.Process.ExitCode != 97, "mount --make-rshared / failed:\n" + obs.Process);
            return (obs, tree, volume.Device);
        }
        catch
        {
            disposables.Dispose();
            throw;
        }
    }

    private IReadOnlyList<MountPropagation> Propagation(Observations obs, BootObservation boot)
    {
        var table = MountPropagation.Parse(File.ReadAllText(Path.Combine(obs.OutDir, "boot1.mountinfo")));
        var before = MountPropagation.Parse(File.ReadAllText(Path.Combine(obs.OutDir, "before.mountinfo")));
        Expect.True(before.Any(m => m.MountPoint == "/" && m.Shared is not null), "/ is not shared after mount --make-rshared /", boot);
        return table;
    }

    private MountPropagation At(IReadOnlyList<MountPropagation> table, GuestTree tree, string guestPath, BootObservation boot)
    {
        var at = table.Where(m => m.MountPoint == tree.HostPath(guestPath)).ToList();
        Expect.True(at.Count == 1, $"expected one mount at {guestPath}, found {at.Count}\n{Expect.MountsBelow(boot, tree)}", boot);
        output.WriteLine(at[0].ToString());
        return at[0];
    }

    /// <summary>Disposes what it holds in reverse order, even when one of them throws.</summary>
    private sealed class Disposables : IDisposable
    {
        private readonly List<IDisposable> _items = [];

        public T Add<T>(T item) where T : IDisposable
        {
            _items.Add(item);
            return item;
        }

        public void Dispose()
        {
            List<Exception> errors = [];
            for (var i = _items.Count - 1; i >= 0; i--)
            {
                try { _items[i].Dispose(); }
                catch (Exception e) { errors.Add(e); }
            }
            _items.Clear();
            if (errors.Count > 0)
                throw new AggregateException(errors);
        }
    }
}
