namespace Personality.Native;

/// <summary>Checks a <see cref="GuestProcessRequest"/> and turns it into argv and envp.</summary>
internal static class GuestProcessArguments
{
    /// <summary>Nothing of the host leaks in: the guest's own scripts expect a plain, predictable environment.</summary>
    private static readonly KeyValuePair<string, string>[] MinimalEnvironment =
    [
        new("PATH", "/sbin:/usr/sbin:/bin:/usr/bin"),
        new("HOME", "/"),
        new("LANG", "C"),
    ];

    /// <summary>Mistakes of our own code throw; nothing about the program itself does.</summary>
    public static void Validate(GuestProcessRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (!Path.IsPathRooted(request.RootDirectory)) throw new ArgumentException($"root directory must be absolute: '{request.RootDirectory}'", nameof(request));
        if (!request.Program.StartsWith('/')) throw new ArgumentException($"program must be an absolute guest path: '{request.Program}'", nameof(request));
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(request.Timeout, TimeSpan.Zero, nameof(request.Timeout));
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(request.OutputLimitBytes, 0, nameof(request.OutputLimitBytes));
        NoNul(request.RootDirectory, "root directory");
        NoNul(request.Program, "program");
        foreach (var argument in request.Arguments) NoNul(argument, "argument");
        foreach (var (name, value) in request.Environment)
        {
            if (name.Length == 0 || name.Contains('=')) throw new ArgumentException($"bad environment variable name '{name}'", nameof(request));
            NoNul(name, "environment variable name");
            NoNul(value, $"environment variable {name}");
        }
    }

    public static bool IsLiveRoot(string rootDirectory) => rootDirectory.Trim('/').Length == 0;

    /// <summary>argv[0] is the program path, as a shell would pass it.</summary>
    public static IReadOnlyList<string> Argv(GuestProcessRequest request) => [request.Program, .. request.Arguments];

    /// <summary>"NAME=value" strings: the minimal environment, overridden or extended by the request, in a stable order.</summary>
    public static IReadOnlyList<string> Environment(GuestProcessRequest request)
    {
        var variables = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (name, value) in MinimalEnvironment) variables[name] = value;
        foreach (var (name, value) in request.Environment) variables[name] = value;
        return variables.OrderBy(v => v.Key, StringComparer.Ordinal).Select(v => $"{v.Key}={v.Value}").ToList();
    }

    private static void NoNul(string value, string what)
    {
        if (value.Contains('\0')) throw new ArgumentException($"{what} contains a NUL byte", "request");
    }
}
