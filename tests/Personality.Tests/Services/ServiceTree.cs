using Personality.Core;
using Personality.Services;

namespace Personality.Tests.Services;

/// <summary>
/// A guest tree for the chkconfig tests, laid out as on CentOS/Fedora: /etc/rc.d/init.d and
/// /etc/rc.d/rc0.d..rc6.d, with /etc/init.d and /etc/rcN.d as relative links to them.
/// </summary>
internal sealed class ServiceTree : IDisposable
{
    private readonly TempDir _dir = new();

    public ServiceTree(bool aliases = true, IEnumerable<int>? levels = null)
    {
        _dir.Dir("etc/rc.d/init.d");
        foreach (var level in levels ?? Enumerable.Range(0, 7))
        {
            _dir.Dir($"etc/rc.d/rc{level}.d");
            if (aliases) File.CreateSymbolicLink(HostPath($"/etc/rc{level}.d"), $"rc.d/rc{level}.d");
        }
        if (aliases) File.CreateSymbolicLink(HostPath("/etc/init.d"), "rc.d/init.d");
        Root = new TargetRoot(_dir.Path);
    }

    public TargetRoot Root { get; }

    public string HostPath(string guest) => _dir.Path + guest;

    public ServiceTree Script(string name, string text) { _dir.Write("etc/rc.d/init.d/" + name, text); return this; }

    public ServiceTree Override(string name, string text) { _dir.Write("etc/chkconfig.d/" + name, text); return this; }

    public ServiceTree Xinetd(string name, string text) { _dir.Write("etc/xinetd.d/" + name, text); return this; }

    public string XinetdText(string name) => File.ReadAllText(HostPath("/etc/xinetd.d/" + name));

    public ServiceTree Link(int level, string name, string target)
    {
        File.CreateSymbolicLink(HostPath($"/etc/rc.d/rc{level}.d/{name}"), target);
        return this;
    }

    /// <summary>An LSB script: Provides, dependencies and default levels.</summary>
    public ServiceTree Lsb(string name, string provides = "", string requiredStart = "", string requiredStop = "",
        string shouldStart = "", string shouldStop = "", string defaultStart = "2 3 4 5", string defaultStop = "0 1 6") =>
        Script(name, $"""
            #!/bin/sh
            ### BEGIN INIT INFO
            # Provides: {(provides.Length == 0 ? name : provides)}
            # Required-Start: {requiredStart}
            # Required-Stop: {requiredStop}
            # Should-Start: {shouldStart}
            # Should-Stop: {shouldStop}
            # Default-Start: {defaultStart}
            # Default-Stop: {defaultStop}
            # Short-Description: {name}
            ### END INIT INFO

            """);

    /// <summary>A classic script: <c># chkconfig: LEVELS START STOP</c> and a description.</summary>
    public ServiceTree Classic(string name, string levels, int start, int stop) =>
        Script(name, $"#!/bin/sh\n# chkconfig: {levels} {start} {stop}\n# description: {name}\n");

    public ChkconfigEngine Engine(bool dryRun = false, string? lang = null) => new(Root, lang) { DryRun = dryRun };

    /// <summary>Every rcN.d as "N: entry entry ..." lines, entries sorted; "N: -" for a missing directory.</summary>
    public string Farm()
    {
        var lines = new List<string>();
        for (var level = 0; level < 7; level++)
        {
            var dir = HostPath($"/etc/rc.d/rc{level}.d");
            if (!Directory.Exists(dir)) { lines.Add($"{level}: -"); continue; }
            var names = Directory.EnumerateFileSystemEntries(dir).Select(Path.GetFileName).Order(StringComparer.Ordinal);
            lines.Add($"{level}: {string.Join(' ', names)}".TrimEnd());
        }
        return string.Join('\n', lines);
    }

    /// <summary>The target of every link is ../init.d/NAME.</summary>
    public void AssertLinkTargets()
    {
        for (var level = 0; level < 7; level++)
        {
            var dir = HostPath($"/etc/rc.d/rc{level}.d");
            if (!Directory.Exists(dir)) continue;
            foreach (var path in Directory.EnumerateFileSystemEntries(dir))
                Assert.Equal("../init.d/" + Path.GetFileName(path)[3..], new FileInfo(path).LinkTarget);
        }
    }

    public void Dispose() => _dir.Dispose();
}
