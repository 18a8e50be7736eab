using Personality.Core;
using Personality.Pipeline;
using Personality.Record;
using Personality.Steps;

namespace Personality.Tests.Record;

/// <summary>The console's readiness line: written as one safe line whatever the volumes say, and read back from a serial log.</summary>
public class ReadinessLineTests
{
    private static readonly DateTimeOffset Started = new(2025, 3, 4, 5, 6, 7, TimeSpan.Zero);
    private const string BootId = "2d37076b-b080-493f-8693-4f5ca49fa182";

    private static ReadinessLine Line(string? personality = "web", string? hostname = "web01") =>
        new(RunResult.Applied, 0, personality, hostname, 123.44, BootId, Started);

    [Fact]
    public void TheLineSaysResultExitPersonalityHostnameDurationAndBoot() =>
        Assert.Equal($"PERSONALITY-READY v=1 result=applied exit=0 personality=web hostname=web01 ms=123.4 boot={BootId} at=2025-03-04T05:06:07Z",
            Line().Format());

    [Fact]
    public void WhatIsNotKnownIsADash() =>
        Assert.Equal("PERSONALITY-READY v=1 result=failed exit=11 personality=- hostname=- ms=5.0 boot=- at=-",
            ReadinessLine.Of(null, BootExitStatus.NotSetUp, 5, null).Format());

    [Fact]
    public void FromARecordTheHostnameIsTheOneBootSet()
    {
        var record = new RunRecord("boot", new TargetRoot("/tmp"), Started) { Personality = "db", TotalMilliseconds = 42 };
        var origin = new Origin("PERS_HOST:personality.yaml", 3, 1);
        record.Steps =
        [
            new LedgerEntry(new HostnameStep(StageName.Hostname, "db01", origin), StepOutcome.Applied(), 1),
            new LedgerEntry(new HostnameStep(StageName.Hostname, "not-set", origin), StepOutcome.Skipped("not reached"), 1),
        ];
        record.Diagnostics.Warn("a doubt");
        Assert.Equal($"PERSONALITY-READY v=1 result=degraded exit=10 personality=db hostname=db01 ms=42.0 boot={BootId} at=2025-03-04T05:06:07Z",
            ReadinessLine.Of(record, BootExitStatus.PartlySetUp, 99, BootId).Format());
    }

    [Fact]
    public void ADisabledRunIsSaidToo()
    {
        var record = new RunRecord("boot", new TargetRoot("/tmp"), Started) { Disabled = true, DisabledReason = "ENABLED=no" };
        Assert.StartsWith("PERSONALITY-READY v=1 result=disabled exit=13 personality=- hostname=-", ReadinessLine.Of(record, BootExitStatus.Disabled, 1, null).Format());
    }

    [Theory]
    [InlineData("web 01", "web%2001")]
    [InlineData("a\nPERSONALITY-READY v=1 result=applied exit=0", "a%0APERSONALITY-READY%20v%3D1%20result%3Dapplied%20exit%3D0")]
    [InlineData("x\r\u001b[2J\t", "x%0D%1B%5B2J%09")]
    [InlineData("100%", "100%25")]
    [InlineData("-", "%2D")]
    [InlineData("é", "%C3%A9")]
    [InlineData("web-01.rack_2:x", "web-01.rack_2:x")]
    public void HostileValuesStayOneTokenAndReadBackTheSame(string hostile, string encoded)
    {
        var line = Line(hostile, hostile).Format();
        Assert.Contains($" personality={encoded} hostname={encoded} ", line);
        Assert.DoesNotContain(line, c => char.IsControl(c) || c > 127);
        Assert.Equal(9, line.Split(' ').Length);
        var back = ReadinessLine.ParseLast("noise\n" + line + "\n");
        Assert.Equal(Line(hostile, hostile) with { Milliseconds = 123.4 }, back);
    }

    [Fact]
    public void AVeryLongValueIsCut()
    {
        var line = Line(new string('x', 5000), new string(' ', 5000)).Format();
        Assert.True(line.Length < 400, line);
        Assert.Contains($" personality={new string('x', ReadinessLine.MaxValueChars)} ", line);
        Assert.Contains($" hostname={string.Concat(Enumerable.Repeat("%20", ReadinessLine.MaxValueChars / 3))} ", line);
    }

    [Fact]
    public void TheLastCompleteLineOfASerialLogIsTaken()
    {
        const string log = "SeaBIOS (version 1.16)\r\n" +
                           "PERSONALITY-READY v=1 result=applied exit=0 personality=web hostname=web01 ms=12.5 boot=- at=-\r\n" +
                           "[    3.1] random: crng init done\r\n" +
                           // A later boot of the same log, its line after other console output on the same line.
                           "Starting foo: [  OK  ]PERSONALITY-READY v=1 result=failed exit=11 personality=db hostname=db01 ms=7.0 boot=b at=2025-03-04T05:06:07Z\r\n" +
                           // Garbage after it: each is ignored.
                           "PERSONALITY-READY v=1 result=applied exit=0 personality=web hostname=web01 ms=1.0 boot=- at=-PERSONALITY-READY v=1 result=applied\r\n" +
                           "PERSONALITY-READY v=1 result=applied exit=0 personality=web\r\n" +
                           "PERSONALITY-READY v=2 result=applied exit=0 personality=web hostname=web01 ms=1.0 boot=- at=-\r\n" +
                           "PERSONALITY-READY v=1 result=ready exit=0 personality=web hostname=web01 ms=1.0 boot=- at=-\r\n" +
                           "PERSONALITY-READY v=1 result=applied exit=0 exit=1 personality=web hostname=web01 ms=1.0 boot=- at=-\r\n" +
                           "PERSONALITY-READY v=1 result=applied exit=-1 personality=web hostname=web01 ms=1.0 boot=- at=-\r\n" +
                           "PERSONALITY-READY v=1 result=applied exit=0 personality=we%zz hostname=web01 ms=1.0 boot=- at=-\r\n" +
                           "PERSONALITY-READY v=1 result=applied exit=0 personality=w\u00e9b hostname=web01 ms=1.0 boot=- at=-\r\n" +
                           "PERSONALITY-READY v=1 result=applied exit=0 personality=web hostname=web01 ms=1.0 boot=- at=yesterday\r\n" +
                           "PERSONALITY-READY  v=1 result=applied exit=0 personality=web hostname=web01 ms=1.0 boot=- at=-\r\n" +
                           "\u0000\u0000PERSONALITY-READY\r\n";
        var line = ReadinessLine.ParseLast(log);
        Assert.Equal(new ReadinessLine(RunResult.Failed, 11, "db", "db01", 7.0, "b", Started), line);
    }

    [Fact]
    public void KeysAddedByALaterVersionOfTheSameLineAreIgnored() =>
        Assert.Equal(Line() with { Milliseconds = 123.4 },
            ReadinessLine.Parse(Line().Format() + " cpu=3.2\r"));

    [Theory]
    [InlineData("")]
    [InlineData("nothing to see\nat all\r\n")]
    [InlineData("PERSONALITY-READY")]
    [InlineData("personality-ready v=1 result=applied exit=0 personality=- hostname=- ms=1 boot=- at=-")]
    public void NoLineIsNull(string log) => Assert.Null(ReadinessLine.ParseLast(log));
}
