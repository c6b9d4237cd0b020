using System.Globalization;

namespace Pi.Orleans.Api.Tests;

public sealed class StartupTests
{
    [Fact]
    public async Task TheApiRefusesToStartInRedisModeWithoutApiKeys()
    {
        await using var api = HostProcess.Start("api-no-keys", RepositoryPaths.HostDll("Api", "Pi.Orleans.Api"), new Dictionary<string, string>
        {
            ["ConnectionStrings__Redis"] = $"127.0.0.1:{FreePort.Next()},abortConnect=false",
            ["Cluster__SiloPort"] = FreePort.Next().ToString(CultureInfo.InvariantCulture),
            ["Cluster__GatewayPort"] = FreePort.Next().ToString(CultureInfo.InvariantCulture),
        });

        await Eventually.HoldsAsync(_ => Task.FromResult(api.HasExited), TimeSpan.FromSeconds(60), () => "the Api exits\n" + api.Output, TestContext.Current.CancellationToken);

        Assert.True(api.HasExited, "the Api must not run without keys in Redis mode");
        Assert.Contains("Auth:ApiKeys is empty", api.Output, StringComparison.Ordinal);
    }
}
