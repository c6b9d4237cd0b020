using Pi.Orleans.Experiments.Bench;

namespace Pi.Orleans.Experiments.Tests.Bench;

public sealed class PrometheusTextTests
{
    // As the OpenTelemetry exporter writes them: its own otel_scope_name label comes first.
    private const string Sample = """
        # TYPE dotnet_gc_last_collection_heap_size_bytes gauge
        dotnet_gc_last_collection_heap_size_bytes{otel_scope_name="System.Runtime",gc_heap_generation="gen0"} 1048576
        dotnet_gc_last_collection_heap_size_bytes{otel_scope_name="System.Runtime",gc_heap_generation="loh"} 2097152
        dotnet_thread_pool_queue_length_total{otel_scope_name="System.Runtime"} 7
        microsoft_orleans_orleans_catalog_activations{otel_scope_name="Microsoft.Orleans",grain_type="calculation"} 3
        microsoft_orleans_orleans_catalog_activations{otel_scope_name="Microsoft.Orleans",grain_type="calculationindex"} 8
        target_info{service_name="pi-orleans-api"} 1
        bare_counter 2.5e3
        """;

    [Fact]
    public void ASeriesIsFoundByItsNameAndTheLabelsAskedForWhateverLabelsTheExporterAdds()
    {
        Assert.Equal(3, PrometheusText.Sum(Sample, "microsoft_orleans_orleans_catalog_activations", ("grain_type", "calculation")));
        Assert.Equal(7, PrometheusText.Sum(Sample, "dotnet_thread_pool_queue_length_total"));
        Assert.Equal(2500, PrometheusText.Sum(Sample, "bare_counter"));
    }

    [Fact]
    public void EverySampleOfASeriesIsSummed() =>
        Assert.Equal(3 * 1024 * 1024, PrometheusText.Sum(Sample, "dotnet_gc_last_collection_heap_size_bytes"));

    [Fact]
    public void ASeriesThatIsNotThereIsNullNotZero()
    {
        Assert.Null(PrometheusText.Sum(Sample, "dotnet_total_memory_bytes"));
        Assert.Null(PrometheusText.Sum(Sample, "dotnet_thread_pool_queue_length"));
        Assert.Null(PrometheusText.Sum(Sample, "microsoft_orleans_orleans_catalog_activations", ("grain_type", "chunk")));
    }

    [Fact]
    public void TheLoadTestDescribesASiloFromItsMetrics() =>
        Assert.Equal("calculation_grains=3 managed_mib=3", SiloMetrics.Describe(Sample));
}
