using Pi.Orleans.Experiments.Tests.Infrastructure;

namespace Pi.Orleans.Experiments.Tests;

public sealed class KubernetesExperimentTests
{
    [Fact]
    public async Task WithoutAClusterTheRunFailsClearlyBeforeApplyingLoad()
    {
        var output = Path.Combine(Path.GetTempPath(), "pi-k8s-" + Guid.NewGuid().ToString("N"));

        var (code, text) = await LabRun.RunAsync(
            "kubernetes", "--url", "http://127.0.0.1:1", "--context", "no-such-context-" + Guid.NewGuid().ToString("N")[..6], "--out", output);

        Assert.Equal(1, code);
        Assert.Contains("kubectl", text);
        Assert.False(Directory.Exists(output));
    }
}
