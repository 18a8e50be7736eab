namespace Personality.Cli;

/// <summary>
/// The one usage convention of every command: "personality COMMAND: MESSAGE", then a pointer to
/// that command's own --help, and exit 64 (sysexits EX_USAGE), a code no command uses for
/// anything else. Only `personality chkconfig` keeps chkconfig's exit 1 for chkconfig's own usage
/// errors, so that scripts written for chkconfig keep working.
/// </summary>
public static class UsageError
{
    public const int ExitCode = 64;

    /// <summary>Writes the message and the pointer to <paramref name="error"/>; returns <see cref="ExitCode"/>.</summary>
    /// <param name="command">The command ("dry-run"), or null for personality itself.</param>
    public static int Report(TextWriter error, string? command, string message)
    {
        var name = command is null ? "personality" : $"personality {command}";
        error.WriteLine($"{name}: {message}");
        error.WriteLine($"Try '{name} --help'.");
        return ExitCode;
    }
}
