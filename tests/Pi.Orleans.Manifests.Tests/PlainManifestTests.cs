using System.Diagnostics;
using Pi.Orleans.Manifests.Tests.Infrastructure;
using Pi.Orleans.Testing;

namespace Pi.Orleans.Manifests.Tests;

public sealed class PlainManifestTests(ChartFixture chart)
{
    private static readonly string ManifestPath = Path.Combine(RepositoryPaths.Root, "manifests", "pi-orleans.yaml");

    [Fact]
    public async Task CommittedManifestEqualsWhatTheRenderScriptWritesNow()
    {
        var info = new ProcessStartInfo("bash", [Path.Combine(RepositoryPaths.Root, "manifests", "render.sh"), "--check"])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        using var process = Process.Start(info)!;
        var output = process.StandardOutput.ReadToEndAsync(TestContext.Current.CancellationToken);
        var error = process.StandardError.ReadToEndAsync(TestContext.Current.CancellationToken);
        await process.WaitForExitAsync(TestContext.Current.CancellationToken).WaitAsync(TimeSpan.FromSeconds(60), TestContext.Current.CancellationToken);

        Assert.True(process.ExitCode == 0, $"manifests/pi-orleans.yaml is stale: run `bash manifests/render.sh`.\n{await output}\n{await error}");
    }

    [Fact]
    public async Task CommittedManifestHoldsTheDefaultObjectsWithItsNamespaceAndNoSecret()
    {
        var plain = RenderedChart.Load(await File.ReadAllTextAsync(ManifestPath, TestContext.Current.CancellationToken));
        var expected = chart[ValuesFiles.Default].Objects.Where(o => o.Kind != "Secret").Select(o => $"{o.Kind}/{o.Metadata.Name}").Append("Namespace/pi-orleans");

        Assert.Equal(expected.Order(StringComparer.Ordinal), plain.Objects.Select(o => $"{o.Kind}/{o.Metadata.Name}").Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task CommittedManifestNamesTheSecretsItsHeaderCommandCreates()
    {
        var text = await File.ReadAllTextAsync(ManifestPath, TestContext.Current.CancellationToken);
        var plain = RenderedChart.Load(text);
        var header = string.Join('\n', text.Split('\n').TakeWhile(l => l.StartsWith('#')));
        var refs = plain.PodTemplates.SelectMany(t => t.Template.Spec.Containers).SelectMany(c => c.Env ?? [])
            .Select(e => e.ValueFrom?.SecretKeyRef).OfType<k8s.Models.V1SecretKeySelector>().Select(r => (r.Name, r.Key)).Distinct();

        Assert.All(refs, r => Assert.Contains($"create secret generic {r.Name} --from-literal={r.Key}=\"$(openssl rand -hex 32)\"", header));
    }
}
