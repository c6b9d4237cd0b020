using System.Globalization;

namespace Pi.Orleans.Api.Tests;

public sealed class StartupTests
{
    [Fact]
    public async Task TheApiRefusesToStartInRedisModeWithoutApiKeys()
    {
        await using var api = StartApi("api-no-keys", new Dictionary<string, string>
        {
            ["ConnectionStrings__Redis"] = $"127.0.0.1:{FreePort.Next()},abortConnect=false",
            ["Cluster__SiloPort"] = Port(),
            ["Cluster__GatewayPort"] = Port(),
        });

        await WaitForExitAsync(api);

        Assert.True(api.HasExited, "the Api must not run without keys in Redis mode");
        Assert.Contains("Auth:ApiKeys is empty", api.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task TheApiRefusesToStartWithAClusterSettingOutOfItsRange()
    {
        await using var api = StartApi("api-bad-port", new Dictionary<string, string>
        {
            ["Cluster__SiloPort"] = Port(),
            ["Cluster__GatewayPort"] = "70000",
        });

        await WaitForExitAsync(api);

        Assert.True(api.HasExited, "the Api must not run with Cluster:GatewayPort = 70000");
        Assert.Contains("GatewayPort", api.Output, StringComparison.Ordinal);
        Assert.Contains("ClusterHostingOptions", api.Output, StringComparison.Ordinal);
    }

    private static HostProcess StartApi(string name, Dictionary<string, string> environment) =>
        HostProcess.Start(name, RepositoryPaths.HostDll("Api", "Pi.Orleans.Api"), environment);

    private static string Port() => FreePort.Next().ToString(CultureInfo.InvariantCulture);

    private static Task WaitForExitAsync(HostProcess api) =>
        Eventually.HoldsAsync(_ => Task.FromResult(api.HasExited), TimeSpan.FromSeconds(60), () => "the Api exits\n" + api.Output, TestContext.Current.CancellationToken);
}
