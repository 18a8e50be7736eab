using System.Runtime.InteropServices;
using System.Text;

namespace Personality.IntegrationTests.Harness;

/// <summary>
/// A guest root tree in a temp dir, for <c>personality boot --root</c>. It starts with the skeleton
/// every tree needs (a real /var/run and /var/log, /run, /tmp, the default RW_MOUNT and STATE_MOUNT),
/// and runs namespace scripts against itself (<see cref="Run"/>). Dispose removes everything.
/// </summary>
public sealed partial class GuestTree : IDisposable
{
    /// <summary>Owner given to seeded paths, so copies that lose ownership show up.</summary>
    public const int SeedUid = 4242, SeedGid = 4343;

    public const string RwMount = "/var/lib/stateless/writable";
    public const string StateMount = "/var/lib/stateless/state";

    private readonly TempDir _dir;
    private int _runs;

    private GuestTree(string name)
    {
        _dir = new TempDir("tree-" + name);
        Root = _dir.Sub("root");
        Plan = new FirstBootPlan(Path.Combine(_dir.Path, "first-boot-planned"));
        foreach (var d in new[] { "/etc/sysconfig", "/etc/rwtab.d", "/var/run", "/var/log", "/run", "/tmp", RwMount, StateMount })
            AddDir(d);
    }

    /// <summary>The tree's root directory on the host (what --root gets).</summary>
    public string Root { get; }

    /// <summary>The dry-run plan of the tree's first boot, compared with what that boot did.</summary>
    public FirstBootPlan Plan { get; }

    public static GuestTree Create(string name)
    {
        RequireRoot.Check();
        return new GuestTree(name);
    }

    /// <summary>Host path of a guest path ("/etc/rwtab" -> ROOT/etc/rwtab).</summary>
    public string HostPath(string guestPath) =>
        guestPath.StartsWith('/') ? Root + guestPath : throw new ArgumentException($"guest path must be absolute: {guestPath}");

    public GuestTree AddDir(string path, string mode = "755", int uid = 0, int gid = 0)
    {
        var p = HostPath(path);
        Directory.CreateDirectory(p);
        SetAttributes(p, mode, uid, gid);
        return this;
    }

    public GuestTree AddFile(string path, string content, string mode = "644", int uid = 0, int gid = 0)
    {
        var p = HostPath(path);
        Directory.CreateDirectory(Path.GetDirectoryName(p)!);
        File.WriteAllText(p, content);
        SetAttributes(p, mode, uid, gid);
        return this;
    }

    public GuestTree AddSymlink(string path, string target)
    {
        var p = HostPath(path);
        Directory.CreateDirectory(Path.GetDirectoryName(p)!);
        File.CreateSymbolicLink(p, target);
        return this;
    }

    public GuestTree WriteRwtab(string text, string file = "/etc/rwtab") => AddFile(file, text);

    public GuestTree WriteStatetab(string text, string file = "/etc/statetab") => AddFile(file, text);

    /// <summary>Writes /etc/sysconfig/NAME (readonly-root or personality) as shell KEY="VALUE" lines, in order.</summary>
    public GuestTree WriteSysconfig(string name, params (string Key, string Value)[] values)
    {
        var sb = new StringBuilder($"# written by the integration tests\n");
        foreach (var (k, v) in values)
            sb.Append(k).Append("=\"").Append(v).Append("\"\n");
        return AddFile("/etc/sysconfig/" + name, sb.ToString());
    }

    /// <summary>
    /// Writes /etc/sysconfig/readonly-root with READONLY=yes and the test's own labels (never the defaults:
    /// other tests run at the same time), then <paramref name="extra"/>, which overrides by key.
    /// </summary>
    public GuestTree WriteReadonlyRoot(string rwLabel, string stateLabel, params (string Key, string Value)[] extra)
    {
        var values = new List<(string, string)> { ("READONLY", "yes"), ("RW_LABEL", rwLabel), ("STATE_LABEL", stateLabel) };
        foreach (var (k, v) in extra)
        {
            values.RemoveAll(x => x.Item1 == k);
            values.Add((k, v));
        }
        return WriteSysconfig("readonly-root", [.. values]);
    }

    /// <summary>
    /// Installs a stock rwtab (rwtab.fedora, rwtab.el6, rwtab.el5) as /etc/rwtab and creates the paths it
    /// names for which <paramref name="create"/> says yes, with content that tells the types apart:
    /// directories get files, subdirectories (mode 710) and a symlink; files get content; all owned by
    /// SeedUid:SeedGid with unusual modes.
    /// </summary>
    public IReadOnlyList<RwtabEntry> FromRwtab(string stockName, Func<string, bool>? create = null)
    {
        var text = File.ReadAllText(RepoPaths.SharedData(stockName));
        WriteRwtab(text);
        var result = new List<RwtabEntry>();
        foreach (var e in RwtabEntry.Parse(text))
        {
            var exists = create?.Invoke(e.Path) ?? true;
            var isDir = !(e.Type == "files" && LooksLikeFile(e.Path));
            if (exists)
                Seed(e.Path, isDir);
            result.Add(e with { Exists = exists, IsDirectory = isDir });
        }
        return result;
    }

    /// <summary>Creates one seeded path: a directory with a small populated subtree, or a file with content.</summary>
    public void Seed(string path, bool isDirectory)
    {
        if (!isDirectory)
        {
            AddFile(path, $"# content of {path}\n", "640", SeedUid, SeedGid); // a comment: /etc/fstab is parsed
            return;
        }
        AddDir(path, "750", SeedUid, SeedGid);
        AddFile(path + "/seed.txt", $"seed of {path}\n", "640", SeedUid, SeedGid);
        AddDir(path + "/sub", "710", SeedUid, SeedGid);
        AddFile(path + "/sub/inner.txt", $"inner of {path}\n", "600", SeedUid, SeedGid);
        AddDir(path + "/sub/deeper", "755", SeedUid, SeedGid);
        AddFile(path + "/sub/deeper/deep.txt", $"deep of {path}\n", "644");
        AddSymlink(path + "/sub/link", "inner.txt");
    }

    /// <summary>
    /// Runs a namespace script (helpers: <see cref="BootScript"/>) with ROOT set to this tree and a fresh
    /// OUT directory, and returns what it observed. When the script boots the tree for the first time, the
    /// boot must do what dry-run planned (<see cref="FirstBootPlan"/>): a difference fails the test here.
    /// </summary>
    public Observations Run(string body, TimeSpan? timeout = null, IReadOnlyDictionary<string, string>? env = null)
    {
        var outDir = _dir.Sub($"obs-{++_runs}");
        var all = new Dictionary<string, string>(env ?? new Dictionary<string, string>())
        {
            ["ROOT"] = Root,
            ["OUT"] = outDir,
            ["PERSONALITY_BIN"] = RepoPaths.Binary,
        };
        foreach (var (k, v) in Plan.Environment())
            all[k] = v;
        var obs = new Observations(outDir, Namespace.Run(BootScript.Compose(body), all, timeout));
        obs.PlanCheck = Plan.Check(obs);
        return obs;
    }

    public void Dispose() => _dir.Dispose();

    // Stock rwtab "files" entries that are regular files on a real system; the rest are directories.
    private static bool LooksLikeFile(string path) =>
        Path.GetFileName(path) is "adjtime" or "ntp.conf" or "resolv.conf" or ".cache" or "logrotate.status"
            or "localtime" or "random-seed" or "audit.log" or "fstab" or "mtab";

    private static void SetAttributes(string path, string mode, int uid, int gid)
    {
        File.SetUnixFileMode(path, (UnixFileMode)Convert.ToInt32(mode, 8));
        if (lchown(path, uid, gid) != 0)
            throw new IOException($"lchown {path} failed: errno {Marshal.GetLastPInvokeError()}");
    }

    [LibraryImport("libc", SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    private static partial int lchown(string path, int uid, int gid);
}
