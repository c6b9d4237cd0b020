using Pi.Orleans.Experiments.Bench;

namespace Pi.Orleans.Experiments.Tests.Bench;

public sealed class GoalsReportTests
{
    private static readonly Dictionary<string, string> Machine = new() { ["mode"] = "quick", ["cpu"] = "AMD EPYC", ["cores"] = "2" };

    [Fact]
    public void AGoalMetOrMissedIsJudgedFromTheMedianOfItsRows()
    {
        var markdown = GoalsReport.Markdown(new GoalRows(
        [
            new("sampler.Vector512", "3200", 0.1, 0, ""),
            new("limit.c-avx512", "6400", 0.1, 0, ""),
            new("overhead.bare-s", "10.0", 0.2, 1, ""),
            new("overhead.embedded-s", "11.0", 0.2, 1, ""),
            new("overhead.embedded-s", "10.2", 0.3, 2, ""),
            new("overhead.embedded-s", "12.0", 0.4, 3, ""),
        ]), Machine);
        var lines = markdown.Split('\n');

        Assert.Contains("| 1 | Sampler, Vector512 kernel (BenchmarkDotNet) | ≥ 3,000 Mpoints/s/core | 3,200 Mpoints/s | 0.50× the C limit | 0.10 (0% busy) | met |", lines);
        // The median embedded run, 11.0 s, is 1.1 x the bare 10.0 s: over the 1.05 target.
        Assert.Contains(lines, l => l.StartsWith("| 2 | Grain overhead", StringComparison.Ordinal) && l.Contains("11.000 s vs bare 10.000 s (median of 1)", StringComparison.Ordinal)
            && l.Contains("| 0.20–0.40 (1–3% busy) | **missed** |", StringComparison.Ordinal));
        Assert.Contains("| cpu | AMD EPYC |", lines);
        Assert.Contains("| overhead.embedded-s | 10.2 | 0.30 | 2% |  |", lines);
    }

    [Fact]
    public void AGoalWithoutRowsHasNoVerdict()
    {
        var lines = GoalsReport.Markdown(new GoalRows([]), Machine).Split('\n');

        Assert.Contains(lines, l => l.StartsWith("| 3 | Scale-out", StringComparison.Ordinal) && l.EndsWith("| — | — |", StringComparison.Ordinal));
    }

    [Fact]
    public void BenchmarkDotNetsCsvGivesMpointsPerSecondPerMethod()
    {
        const string csv = "Method,Job,Mean,Op/s\nVector512,Default,\"1,234.5 us\",\"3,401,234,567.1\"\nScalar,Default,NA,NA\n";

        Assert.Equal([("Vector512", "3401"), ("Scalar", "NA")], BenchmarkDotNetCsv.Rates(csv));
    }
}
