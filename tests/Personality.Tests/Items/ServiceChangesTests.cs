using Personality.Core;
using Personality.Items;
using Personality.Items.Services;
using Personality.Pipeline;
using Personality.Services;
using Personality.Steps;

namespace Personality.Tests.Items;

/// <summary>The service change record: what is held stays, a restore that failed stays to be tried again, a damaged file reads as empty.</summary>
public class ServiceChangesTests
{
    private static ServiceStep Restore(string service) =>
        new(StageName.Services, service, Origin.Of("/x/services.json"), false, "3", ServiceBackendKind.Native, ChkconfigDialect.Current);

    [Fact]
    public void AFailedRestoreStaysRecordedAndASucceededOneIsDropped()
    {
        var held = new ChangedService("mysqld", 3, false, "db");
        var ok = Restore("httpd");
        var failed = Restore("memcached");
        var pending = new PendingRecord<ChangedService>("/x/services.json", [], [held],
            [(ok, [new ChangedService("httpd", 3, false, "web")]), (failed, [new ChangedService("memcached", 3, false, "web")])], ServiceChanges.Write);
        var ledger = new Ledger();
        ledger.Record(ok, StepOutcome.Applied(), 1);
        ledger.Record(failed, StepOutcome.Failed("chkconfig failed"), 1);

        Assert.Equal([held, new ChangedService("memcached", 3, false, "web")], pending.After(ledger));
    }

    [Fact]
    public void TheRecordRoundTripsAndADamagedOneReadsAsEmpty()
    {
        using var dir = new TempDir();
        var file = Path.Combine(dir.Path, "x", "services.json");
        ServiceChanges.Write(file, [new ChangedService("httpd", 5, false, "web"), new ChangedService("cups", 3, true, "host")]);
        Assert.Equal([new ChangedService("cups", 3, true, "host"), new ChangedService("httpd", 5, false, "web")], ServiceChanges.Read(file));

        File.WriteAllText(file, "{\"services\": [{\"service\": \"../x\", \"level\": 3, \"wasOn\": true}, {\"service\": \"ok\", \"level\": 9, \"wasOn\": true}]");
        Assert.Empty(ServiceChanges.Read(file));
    }

    [Fact]
    public void ADamagedRecordIsAWarningNamingItsLineAndColumn()
    {
        using var dir = new TempDir();
        var file = Path.Combine(dir.Path, "services.json");
        File.WriteAllText(file, "{\"schemaVersion\": 1,\n \"services\": [ oops ]}");
        var d = new Diagnostics();

        Assert.Empty(ServiceChanges.Read(file, d, "/var/lib/stateless/state/.personality/services.json"));

        var warning = Assert.Single(d.All);
        Assert.Equal(Severity.Warning, warning.Severity);
        Assert.StartsWith("/var/lib/stateless/state/.personality/services.json:2:", warning.Origin.ToString());
        Assert.Contains("written anew", warning.Hint);
    }

    [Fact]
    public void EntriesThatAreNotUnderstoodAreLeftOutAndSaid()
    {
        using var dir = new TempDir();
        var file = Path.Combine(dir.Path, "services.json");
        File.WriteAllText(file, "{\"services\": [{\"service\": \"httpd\", \"level\": 3, \"wasOn\": false}, {\"service\": \"x\", \"level\": 42, \"wasOn\": true}]}");
        var d = new Diagnostics();

        Assert.Single(ServiceChanges.Read(file, d, "services.json"));
        Assert.Contains("1 of the 2 entries", Assert.Single(d.All).Message);
    }
}
