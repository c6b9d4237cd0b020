using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Configuration;
using Pi.Orleans.Hosting;

namespace Pi.Orleans.Api.Tests;

public sealed class SiloCompositionTests
{
    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void GrainCallsAreTracedByOneFilterPairWhetherOrNotOrleansEnablesDistributedTracing(bool orleansTracing)
    {
        // Aspire sets Orleans:EnableDistributedTracing=true, and Orleans then adds the filters itself.
        var builder = WebApplication.CreateBuilder();
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?> { ["Orleans:EnableDistributedTracing"] = orleansTracing.ToString() });

        builder.AddPiSilo(SiloRole.Worker);

        Assert.Single(builder.Services, d => d.ImplementationType?.Name == "ActivityPropagationIncomingGrainCallFilter");
        Assert.Single(builder.Services, d => d.ImplementationType?.Name == "ActivityPropagationOutgoingGrainCallFilter");
    }
}
