using Pi.Orleans.Manifests.Tests.Infrastructure;
using Pi.Orleans.Testing;

namespace Pi.Orleans.Manifests.Tests;

public sealed class PlainManifestTests(ChartFixture chart)
{
    private static readonly string ManifestPath = Path.Combine(RepositoryPaths.Root, "manifests", "pi-orleans.yaml");

    [Fact]
    public async Task CommittedManifestEqualsAFreshHelmTemplateWithTheDefaultValues()
    {
        var fresh = await Helm.TemplateAsync(null, TestContext.Current.CancellationToken);

        var committed = WithoutHeader(await File.ReadAllTextAsync(ManifestPath, TestContext.Current.CancellationToken));

        Assert.True(fresh == committed, "manifests/pi-orleans.yaml differs from the chart's render: run `bash manifests/render.sh`.");
    }

    [Fact]
    public async Task CommittedManifestLoadsStrictlyAndHoldsTheDefaultObjects()
    {
        var plain = RenderedChart.Load(await File.ReadAllTextAsync(ManifestPath, TestContext.Current.CancellationToken));

        Assert.Equal(chart[ValuesFiles.Default].CountsByKind(), plain.CountsByKind());
    }

    // render.sh puts a comment header above helm's output.
    private static string WithoutHeader(string text)
    {
        var lines = text.Split('\n');
        return string.Join('\n', lines.SkipWhile(line => line.StartsWith('#')));
    }
}
