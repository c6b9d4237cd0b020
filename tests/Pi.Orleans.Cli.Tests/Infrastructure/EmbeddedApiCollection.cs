namespace Pi.Orleans.Cli.Tests.Infrastructure;

/// <summary>Command tests that share one embedded Api process.</summary>
[CollectionDefinition(Name)]
public sealed class EmbeddedApiCollection : ICollectionFixture<EmbeddedApiFixture>
{
    public const string Name = "cli embedded api";
}
