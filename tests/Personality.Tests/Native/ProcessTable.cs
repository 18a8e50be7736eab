namespace Personality.Tests.Native;

/// <summary>What /proc says about processes: whether a test's children really died.</summary>
internal static class ProcessTable
{
    /// <summary>The state letter of a process (R, S, Z...), or null when it no longer exists.</summary>
    public static char? State(int pid)
    {
        try { return Fields(File.ReadAllText($"/proc/{pid}/stat")).State; }
        catch (IOException) { return null; }
    }

    /// <summary>Processes of the group that still run (a zombie only waits for its parent to reap it).</summary>
    public static List<int> LiveMembers(int processGroup)
    {
        var members = new List<int>();
        foreach (var directory in Directory.EnumerateDirectories("/proc"))
        {
            if (!int.TryParse(Path.GetFileName(directory), out var pid)) continue;
            try
            {
                var (state, group) = Fields(File.ReadAllText($"{directory}/stat"));
                if (group == processGroup && state != 'Z' && state != 'X') members.Add(pid);
            }
            catch (IOException) { } // exited while we looked
        }
        return members;
    }

    /// <summary>Waits (bounded) until the process is gone or a zombie: SIGKILL takes effect asynchronously.</summary>
    public static bool IsDeadWithin(int pid, TimeSpan bound)
    {
        var clock = System.Diagnostics.Stopwatch.StartNew();
        while (State(pid) is { } state && state != 'Z' && state != 'X')
        {
            if (clock.Elapsed > bound) return false;
            Thread.Sleep(20);
        }
        return true;
    }

    // "pid (comm) state ppid pgrp ...": comm may hold spaces and parentheses, so parse after the last ')'.
    private static (char State, int Group) Fields(string stat)
    {
        var rest = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
        return (rest[0][0], int.Parse(rest[2]));
    }
}
