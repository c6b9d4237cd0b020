using BenchmarkDotNet.Columns;
using BenchmarkDotNet.Configs;

namespace Pi.Orleans.Benchmarks;

/// <summary>Adds the Op/s column: with one point per operation it reads as points per second on one core.</summary>
internal sealed class PointsPerSecondConfig : ManualConfig
{
    public PointsPerSecondConfig() => AddColumn(StatisticColumn.OperationsPerSecond);
}
