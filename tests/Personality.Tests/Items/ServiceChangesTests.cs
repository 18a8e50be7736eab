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
}
