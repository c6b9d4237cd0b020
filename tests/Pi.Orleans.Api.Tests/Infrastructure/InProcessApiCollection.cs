namespace Pi.Orleans.Api.Tests.Infrastructure;

/// <summary>Tests that share one in-process Api.</summary>
[CollectionDefinition(Name)]
public sealed class InProcessApiCollection : ICollectionFixture<InProcessApi>
{
    /// <summary>The collection name.</summary>
    public const string Name = "in-process api";
}
