namespace Pi.Orleans.Api.Tests.Infrastructure;

/// <summary>Tests that share one embedded Api process.</summary>
[CollectionDefinition(Name)]
public sealed class EmbeddedApiCollection : ICollectionFixture<EmbeddedApiFixture>
{
    /// <summary>The collection name.</summary>
    public const string Name = "embedded api";
}
