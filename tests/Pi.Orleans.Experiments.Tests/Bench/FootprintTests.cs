using Pi.Orleans.Experiments.Bench;

namespace Pi.Orleans.Experiments.Tests.Bench;

public sealed class FootprintTests
{
    private static readonly IReadOnlyList<ProcessEntry> Processes =
    [
        new(100, 1, ["dotnet", "run", "--project", "AppHost"]),
        new(101, 100, ["/work/AppHost/bin/Release/net10.0/Pi.Orleans.AppHost"]),
        // Another run's orchestrator, whose monitored pid starts with this run's AppHost pid: pgrep -f's substring match would take it.
        new(200, 1, ["/home/u/.nuget/packages/aspire.hosting.orchestration.linux-x64/13.0.0/tools/dcp", "start-apiserver", "--monitor", "1011"]),
        new(201, 1, ["/home/u/.nuget/packages/aspire.hosting.orchestration.linux-x64/13.0.0/tools/dcp", "start-apiserver", "--monitor", "101"]),
        new(202, 201, ["redis-server", "--port", "6380"]),
        new(203, 202, ["/bin/sh"]),
        new(300, 1, ["grep", "--monitor", "101"]),
    ];

    [Fact]
    public void TheOrchestratorIsTheDcpThatMonitorsAPidOfTheRunWhole()
    {
        Assert.Equal(201, ProcessTree.Orchestrator(Processes, ProcessTree.Tree(Processes, 100)));
        Assert.Null(ProcessTree.Orchestrator(Processes, [999]));
    }

    [Fact]
    public void ATreeIsTheRootAndEveryDescendantButNotItsParentOrSiblings()
    {
        Assert.Equal([201, 202, 203], ProcessTree.Tree(Processes, 201));
        Assert.Equal([100, 101], ProcessTree.Tree(Processes, 100));
    }

    [Fact]
    public void ActiveSilosCountsEveryActiveStatusAtAnyDepthAndNoOther()
    {
        const string json = """{"silos":[{"address":"a","status":"Active"},{"address":"b","status":"Joining"},{"address":"c","status":"Active"}],"api":{"status":"Active"},"note":"status Active"}""";

        Assert.Equal(3, FootprintPart.ActiveSilos(json));
    }
}
