namespace Pi.Orleans.Manifests.Tests.Infrastructure;

/// <summary>
/// The pi_orleans_* and microsoft_orleans_* metric families a silo really exports on /metrics, with their Prometheus type.
/// </summary>
/// <remarks>
/// Taken from real scrapes, not from the source: the Api (embedded default, one silo that also runs chunks) was built with
/// <c>dotnet build -c Release Api</c> and started with
/// <c>dotnet Api/bin/Release/net10.0/Pi.Orleans.Api.dll --urls http://127.0.0.1:18090 --Cluster:SiloPort=21190 --Cluster:GatewayPort=31190</c>;
/// then distributed calculations of 3·10^9 and 6·10^10 points ran, and <c>curl -s 127.0.0.1:18090/metrics</c> was read during and
/// after them. chunks_failed, chunks_retried and calculations_finished{status="failed"|"cancelled"} only appear after a failure,
/// so a second run used <c>--Pi:ChunkTimeout=00:00:00.020</c> and cancelled one calculation. The list is the union of the
/// <c># TYPE</c> lines of those scrapes (<c>grep -E "^# TYPE (pi_orleans|microsoft_orleans)"</c>). prometheus-net's meter
/// adapter exports .NET counters and up-down counters as Prometheus gauges (cumulative values for counters: use rate()/increase()).
/// Worker silos export the same names, minus pi_orleans_scaling_*, which only the Api computes.
/// </remarks>
public static class ExportedMetrics
{
    /// <summary>Family name → Prometheus type ("gauge" or "histogram").</summary>
    public static readonly IReadOnlyDictionary<string, string> Families = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        ["pi_orleans_calculation_duration"] = "histogram",
        ["pi_orleans_calculations_active"] = "gauge",
        ["pi_orleans_calculations_finished"] = "gauge",
        ["pi_orleans_chunk_duration"] = "histogram",
        ["pi_orleans_chunks_completed"] = "gauge",
        ["pi_orleans_chunks_failed"] = "gauge",
        ["pi_orleans_chunks_pending"] = "gauge",
        ["pi_orleans_chunks_retried"] = "gauge",
        ["pi_orleans_points_rate"] = "gauge",
        ["pi_orleans_points_sampled"] = "gauge",
        ["pi_orleans_scaling_desired_workers"] = "gauge",
        ["pi_orleans_scaling_pending_chunks"] = "gauge",
        ["pi_orleans_scaling_slots_queued"] = "gauge",
        ["pi_orleans_scaling_slots_total"] = "gauge",
        ["pi_orleans_scaling_slots_used"] = "gauge",
        ["pi_orleans_slots_queued"] = "gauge",
        ["pi_orleans_slots_total"] = "gauge",
        ["pi_orleans_slots_used"] = "gauge",
        ["microsoft_orleans_orleans_app_requests_canceled"] = "gauge",
        ["microsoft_orleans_orleans_app_requests_latency"] = "histogram",
        ["microsoft_orleans_orleans_catalog_activation_collections"] = "gauge",
        ["microsoft_orleans_orleans_catalog_activation_created"] = "gauge",
        ["microsoft_orleans_orleans_catalog_activation_destroyed"] = "gauge",
        ["microsoft_orleans_orleans_catalog_activation_latency"] = "histogram",
        ["microsoft_orleans_orleans_catalog_activation_shutdown"] = "gauge",
        ["microsoft_orleans_orleans_catalog_activation_working_set"] = "gauge",
        ["microsoft_orleans_orleans_catalog_activations"] = "gauge",
        ["microsoft_orleans_orleans_catalog_deactivation_latency"] = "histogram",
        ["microsoft_orleans_orleans_consistent_ring_range_percentage_average"] = "gauge",
        ["microsoft_orleans_orleans_consistent_ring_range_percentage_local"] = "gauge",
        ["microsoft_orleans_orleans_consistent_ring_size"] = "gauge",
        ["microsoft_orleans_orleans_directory_cache_size"] = "gauge",
        ["microsoft_orleans_orleans_directory_lookups_cache_issued"] = "gauge",
        ["microsoft_orleans_orleans_directory_lookups_cache_successes"] = "gauge",
        ["microsoft_orleans_orleans_directory_lookups_full_issued"] = "gauge",
        ["microsoft_orleans_orleans_directory_lookups_local_directory_issued"] = "gauge",
        ["microsoft_orleans_orleans_directory_lookups_local_issued"] = "gauge",
        ["microsoft_orleans_orleans_directory_lookups_local_successes"] = "gauge",
        ["microsoft_orleans_orleans_directory_partition_size"] = "gauge",
        ["microsoft_orleans_orleans_directory_registration_duration"] = "histogram",
        ["microsoft_orleans_orleans_directory_registrations"] = "gauge",
        ["microsoft_orleans_orleans_directory_registrations_single_act_issued"] = "gauge",
        ["microsoft_orleans_orleans_directory_registrations_single_act_local"] = "gauge",
        ["microsoft_orleans_orleans_directory_ring_local_portion_average_percentage"] = "gauge",
        ["microsoft_orleans_orleans_directory_ring_local_portion_distance"] = "gauge",
        ["microsoft_orleans_orleans_directory_ring_local_portion_percentage"] = "gauge",
        ["microsoft_orleans_orleans_directory_ring_size"] = "gauge",
        ["microsoft_orleans_orleans_directory_unregistrations_local"] = "gauge",
        ["microsoft_orleans_orleans_directory_unregistrations_many_issued"] = "gauge",
        ["microsoft_orleans_orleans_grains"] = "gauge",
        ["microsoft_orleans_orleans_messaging_processing_activation_data"] = "gauge",
        ["microsoft_orleans_orleans_messaging_processing_dispatcher_forwarded"] = "gauge",
        ["microsoft_orleans_orleans_messaging_processing_dispatcher_processed"] = "gauge",
        ["microsoft_orleans_orleans_messaging_processing_dispatcher_received"] = "gauge",
        ["microsoft_orleans_orleans_messaging_processing_ima_enqueued"] = "gauge",
        ["microsoft_orleans_orleans_messaging_processing_ima_received"] = "gauge",
        ["microsoft_orleans_orleans_messaging_received_header_size"] = "gauge",
        ["microsoft_orleans_orleans_messaging_sent_header_size"] = "gauge",
        ["microsoft_orleans_orleans_messaging_sent_local"] = "gauge",
        ["microsoft_orleans_orleans_reminders_active"] = "gauge",
        ["microsoft_orleans_orleans_runtime_available_memory"] = "gauge",
        ["microsoft_orleans_orleans_runtime_total_physical_memory"] = "gauge",
        ["microsoft_orleans_orleans_storage_read_latency"] = "histogram",
        ["microsoft_orleans_orleans_storage_write_latency"] = "histogram",
        ["microsoft_orleans_orleans_watchdog_health_checks"] = "gauge",
    };

    /// <summary>
    /// The family a series name belongs to: itself, or for a histogram's _bucket/_sum/_count series the histogram; null when the name
    /// is not exported.
    /// </summary>
    public static string? FamilyOf(string series)
    {
        if (Families.ContainsKey(series))
        {
            return series;
        }

        foreach (var suffix in (string[])["_bucket", "_sum", "_count"])
        {
            if (series.EndsWith(suffix, StringComparison.Ordinal) && Families.TryGetValue(series[..^suffix.Length], out var type) && type == "histogram")
            {
                return series[..^suffix.Length];
            }
        }

        return null;
    }
}
