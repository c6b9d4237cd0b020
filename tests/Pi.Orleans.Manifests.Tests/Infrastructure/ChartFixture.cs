namespace Pi.Orleans.Manifests.Tests.Infrastructure;

/// <summary>The chart rendered once per values file, shared by every test in the assembly.</summary>
public sealed class ChartFixture : IAsyncLifetime
{
    private readonly Dictionary<string, RenderedChart> _renders = [];

    /// <summary>The objects rendered with <paramref name="valuesFile"/>.</summary>
    public RenderedChart this[string valuesFile] => _renders[valuesFile];

    public async ValueTask InitializeAsync()
    {
        string[] files = [ValuesFiles.Default, ValuesFiles.K3s, ValuesFiles.K3sMultinode, ValuesFiles.Production];
        var yaml = await Task.WhenAll(files.Select(f => Helm.TemplateAsync(f)));
        for (var i = 0; i < files.Length; i++)
        {
            _renders[files[i]] = RenderedChart.Load(yaml[i]);
        }
    }

    public ValueTask DisposeAsync() => ValueTask.CompletedTask;
}
