namespace Personality.IntegrationTests.Harness;

/// <summary>
/// Runs a bash script in a new private mount namespace (<c>unshare -m --propagation private</c>):
/// every mount the script or the binary makes disappears when the script exits, and nothing on the
/// host changes. Tests read what the script wrote to files; stdout/stderr come back too.
/// </summary>
public static class Namespace
{
    public static ProcessResult Run(string script, IReadOnlyDictionary<string, string>? env = null, TimeSpan? timeout = null)
    {
        RequireRoot.Check();
        return Shell.Run("unshare", ["-m", "--propagation", "private", "bash", "-c", script], env, timeout ?? TimeSpan.FromMinutes(2));
    }
}
