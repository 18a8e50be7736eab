namespace Personality.Services;

/// <summary>A dialect and why it was chosen ("--compat", "/etc/redhat-release: CentOS release 5.11 (Final)", "default").</summary>
public sealed record ChosenDialect(ChkconfigDialect Dialect, string Source)
{
    public ChkconfigRules Rules => ChkconfigRules.For(Dialect);

    /// <summary>"el5, chkconfig 1.3.30.2 (from /etc/redhat-release: CentOS release 5.11 (Final))".</summary>
    public string Describe() => $"{Dialect.Name()}, chkconfig {Dialect.UpstreamVersion()} (from {Source})";

    /// <summary>What a service step records about the rules it follows.</summary>
    public string StepNote => $"chkconfig rules of {Describe()}";
}
