using Pi.Orleans.Experiments.Chaos;

namespace Pi.Orleans.Experiments.Tests.Chaos;

public sealed class ChunkLedgerTests
{
    private const string Calculation = "0123456789abcdef0123456789abcdef";

    [Fact]
    public void AChunkComputedByTwoAttemptsOnTwoWorkersIsCountedOnceAsComputedTwice()
    {
        var first = Log($"Chunk {Calculation}/0/1 computed on w1", $"Chunk {Calculation}/1/1 computed on w1");
        // A duplicate attempt (a retry, or a speculative copy that finished too), whatever its attempt part looks like.
        var second = Log($"Chunk {Calculation}/1/2s computed on w2", "unrelated line");

        var ledger = ChunkLedger.Read([first, second, "/nonexistent/worker-9.log"]);

        Assert.Equal((3, 1), ledger[Calculation]);
        File.Delete(first);
        File.Delete(second);
    }

    private static string Log(params string[] lines)
    {
        var path = Path.GetTempFileName();
        File.WriteAllLines(path, lines.Select(l => "12:00:00.000 dbug: Pi.Orleans.Grains.Calculations.ChunkComputer[0] " + l));
        return path;
    }
}
