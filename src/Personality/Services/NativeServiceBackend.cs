using Personality.Core;

namespace Personality.Services;

/// <summary>
/// The native engine as a backend: <c>chkconfig --level L NAME on|off</c> reproduced by
/// <see cref="ChkconfigEngine"/> in the guest's chkconfig <paramref name="dialect"/>, run only for the levels that differ.
/// </summary>
public sealed class NativeServiceBackend(TargetRoot root, ChkconfigDialect dialect = ChkconfigDialect.Current) : IServiceBackend
{
    private readonly ServiceQuery _query = new(root);

    public string Name => "native";

    public bool Exists(string service) => _query.Exists(service);

    public bool IsOn(string service, int level) => _query.IsOn(service, level);

    public IReadOnlyList<string> Set(string service, bool on, string levels) =>
        Change(service, on, levels, dryRun: false).Select(c => c.ToString()).ToList();

    /// <summary>What <see cref="Set"/> would change, without changing it (for dry-run).</summary>
    public IReadOnlyList<ServiceChange> Plan(string service, bool on, string levels) => Change(service, on, levels, dryRun: true);

    /// <summary>Like <see cref="Set"/>, returning the changes themselves.</summary>
    public IReadOnlyList<ServiceChange> Apply(string service, bool on, string levels) => Change(service, on, levels, dryRun: false);

    private IReadOnlyList<ServiceChange> Change(string service, bool on, string levels, bool dryRun)
    {
        var differing = _query.LevelsToChange(service, on, levels);
        if (differing == 0) return [];
        var engine = new ChkconfigEngine(root, ChkconfigEngine.EnvironmentLang, dialect) { DryRun = dryRun };
        var outcome = engine.Set(service, on ? ServiceState.On : ServiceState.Off, differing);
        if (outcome.ExitCode != 0)
            throw new ServiceException(outcome.Stderr.Trim().Length > 0 ? outcome.Stderr.Trim() : $"chkconfig {service} {(on ? "on" : "off")} failed");
        return outcome.Changes;
    }
}
