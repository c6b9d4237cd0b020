using Pi.Orleans.Experiments.Bench;

namespace Pi.Orleans.Experiments.Tests.Bench;

public sealed class BenchReportTests
{
    private static readonly MachineFacts Machine = new("AMD EPYC", 2, "7.8 GiB", "Debian GNU/Linux 12, kernel 6.1", "10.0.100");

    [Fact]
    public void ARowIsOneTsvLineOfNameValueLoadBusyAndNote()
    {
        var row = new ResultRow("sizes.1e10.ratio", "0.941", 0.5, 3, "median bare s / median service s");

        Assert.Equal("sizes.1e10.ratio\t0.941\t0.50\t3\tmedian bare s / median service s", row.ToTsv());
        Assert.Equal(row, ResultRow.Parse(row.ToTsv()));
    }

    [Fact]
    public void ARowWithoutAQuietMarkHasAnEmptyBusyColumn()
    {
        var row = new ResultRow("scale.points", "20000000000", 1.25, null, "");

        Assert.Equal("scale.points\t20000000000\t1.25\t\t", row.ToTsv());
        Assert.Null(ResultRow.Parse(row.ToTsv()).Busy);
    }

    [Fact]
    public void TheMarkdownReportHasTheScriptsColumnsAndTheMachine()
    {
        var started = new DateTimeOffset(2026, 12, 6, 21, 54, 0, TimeSpan.Zero);
        var markdown = BenchReport.Markdown("Adaptive scheduling", started, started.AddMinutes(10), Machine, "full", "sizes,frozen",
            [new ResultRow("frozen.ratio", "1.4", 0.2, 1, "frozen s | healthy s")]);
        var lines = markdown.Split('\n');

        Assert.Equal("# Adaptive scheduling measurements, 2026-12-06T21:54:00Z – 2026-12-06T22:04:00Z", lines[0]);
        Assert.Contains("AMD EPYC, 2 cores", lines[2], StringComparison.Ordinal);
        Assert.Contains("mode full; parts sizes,frozen.", lines[2], StringComparison.Ordinal);
        Assert.Contains("| measurement | value | load | busy % | note |", lines);
        Assert.Contains("| frozen.ratio | 1.4 | 0.20 | 1 | frozen s / healthy s |", lines);
    }

    [Fact]
    public async Task TheReportIsWrittenAsTsvAndMarkdownStampedWithTheFinishTime()
    {
        var folder = Directory.CreateTempSubdirectory("pi-bench-test.").FullName;
        var finished = new DateTimeOffset(2026, 12, 6, 22, 4, 0, TimeSpan.Zero);
        ResultRow[] rows = [new("a", "1", 0.1, 0, ""), new("b", "2", 0.2, 5, "note")];

        var path = await BenchReport.WriteAsync(folder, "adaptive", finished, rows, "# report\n", TestContext.Current.CancellationToken);

        Assert.Equal(Path.Combine(folder, "adaptive-2026-12-06T2204Z.md"), path);
        Assert.Equal(rows.Select(r => r.ToTsv()), await File.ReadAllLinesAsync(Path.Combine(folder, "adaptive-2026-12-06T2204Z.tsv"), TestContext.Current.CancellationToken));
        Directory.Delete(folder, recursive: true);
    }

    [Fact]
    public void HeysSummaryGivesRatePercentilesAndAnswersByStatusCode()
    {
        const string text = """
            Summary:
              Total:	10.0031 secs
              Requests/sec:	1520.4321

            Latency distribution:
              10% in 0.0050 secs
              50% in 0.0098 secs
              99% in 0.0312 secs

            Status code distribution:
              [200]	15000 responses
              [429]	204 responses
            """;

        var result = Hey.Parse(text);

        Assert.Equal((1520.4321, "200x15000,429x204"), (result.Rps, result.Codes));
        Assert.Equal(9.8, result.P50Ms, 9);
        Assert.Equal(31.2, result.P99Ms, 9);
    }

    [Fact]
    public void AKeyValueLineGivesEachValueAndNothingForAMissingKey()
    {
        const string line = "bare kernel=Vector512 threads=2 points=1000 seconds=0.283 inside=785";

        Assert.Equal(("0.283", "785", ""), (KeyValues.Get(line, "seconds"), KeyValues.Get(line, "inside"), KeyValues.Get(line, "count")));
    }
}
