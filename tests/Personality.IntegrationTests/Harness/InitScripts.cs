namespace Personality.IntegrationTests.Harness;

/// <summary>
/// A SysV service layout in a <see cref="GuestTree"/> as an image would ship it: scripts in
/// /etc/rc.d/init.d with chkconfig or LSB headers, rc0.d..rc6.d, and the links `chkconfig --add` made
/// (S in the header's levels, K elsewhere), each pointing to ../init.d/NAME.
/// </summary>
public static class InitScripts
{
    public const string RcRoot = "/etc/rc.d";

    /// <summary>Creates /etc/rc.d/init.d and /etc/rc.d/rc0.d .. rc6.d.</summary>
    public static void Layout(GuestTree tree)
    {
        tree.AddDir(RcRoot).AddDir(RcRoot + "/init.d");
        for (var level = 0; level <= 6; level++)
            tree.AddDir($"{RcRoot}/rc{level}.d");
    }

    /// <summary>
    /// A script with "# chkconfig: LEVELS START STOP" and "# description:", and (when <paramref name="links"/>)
    /// the links of `chkconfig --add`: S{start} in LEVELS ("-" for none), K{stop} in the other levels.
    /// </summary>
    public static void AddChkconfig(GuestTree tree, string name, string levels, int start, int stop, bool links = true)
    {
        tree.AddFile($"{RcRoot}/init.d/{name}", $"""
            #!/bin/sh
            #
            # {name}        Test service {name}
            #
            # chkconfig: {levels} {start} {stop}
            # description: {name} is a service made up by the integration tests.
            #

            echo "{name} $1"

            """, "755");
        if (links)
            for (var level = 0; level <= 6; level++)
                Link(tree, level, levels.Contains((char)('0' + level)) ? $"S{start:00}{name}" : $"K{stop:00}{name}", name);
    }

    /// <summary>
    /// An LSB-only script (no chkconfig line) with Default-Start/Default-Stop and no dependencies, so chkconfig
    /// gives it S50/K50; with <paramref name="links"/> the --add links (S50 in start levels, K50 elsewhere).
    /// </summary>
    public static void AddLsb(GuestTree tree, string name, string defaultStart, string defaultStop, bool links = true)
    {
        tree.AddFile($"{RcRoot}/init.d/{name}", $"""
            #!/bin/sh
            ### BEGIN INIT INFO
            # Provides: {name}
            # Default-Start:{Words(defaultStart)}
            # Default-Stop:{Words(defaultStop)}
            # Short-Description: LSB test service {name}
            # Description: {name} is an LSB service made up by the integration tests.
            ### END INIT INFO

            echo "{name} $1"

            """, "755");
        if (links)
            for (var level = 0; level <= 6; level++)
                Link(tree, level, defaultStart.Contains((char)('0' + level)) ? $"S50{name}" : $"K50{name}", name);
    }

    private static string Words(string levels) => levels.Length == 0 ? "" : " " + levels;

    public static void Link(GuestTree tree, int level, string linkName, string service) =>
        tree.AddSymlink($"{RcRoot}/rc{level}.d/{linkName}", "../init.d/" + service);

    /// <summary>
    /// Every link of a snapshot of /etc/rc.d (taken with snapshot_tree "$ROOT/etc/rc.d"), as "rcN.d/NAME -> TARGET".
    /// </summary>
    public static SortedSet<string> Links(TreeSnapshot rcd) =>
        new(rcd.Nodes.Values.Where(n => n.Type == 'l' && n.Path.StartsWith("rc", StringComparison.Ordinal))
            .Select(n => $"{n.Path} -> {n.Link}"), StringComparer.Ordinal);

    /// <summary>The links of one service in a snapshot, "rcN.d/NAME".</summary>
    public static SortedSet<string> LinksOf(TreeSnapshot rcd, string service) =>
        new(rcd.Nodes.Values.Where(n => n.Type == 'l' && n.Link == "../init.d/" + service).Select(n => n.Path), StringComparer.Ordinal);

    /// <summary>
    /// The links of a service: S{start} in <paramref name="onLevels"/> and K{stop} in every other level
    /// (what chkconfig leaves when all seven levels had a link).
    /// </summary>
    public static SortedSet<string> Expected(string service, string onLevels, int start, int stop) =>
        new(Enumerable.Range(0, 7).Select(l => onLevels.Contains((char)('0' + l)) ? $"rc{l}.d/S{start:00}{service}" : $"rc{l}.d/K{stop:00}{service}"),
            StringComparer.Ordinal);

    public static string Show(IEnumerable<string> links) => "{ " + string.Join(", ", links) + " }";
}
