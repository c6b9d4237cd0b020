namespace Pi.Orleans.Manifests.Tests.Infrastructure;

/// <summary>
/// The pi_orleans_* and microsoft_orleans_* metric families a silo really exports on /metrics, with their Prometheus type.
/// </summary>
/// <remarks>
/// Taken from a real scrape, not from the source: the Api (embedded default, one silo that also runs chunks) was built with
/// <c>dotnet build -c Release Api</c> and started with
/// <c>ASPNETCORE_URLS=http://127.0.0.1:18481 Cluster__SiloPort=21481 Cluster__GatewayPort=31481 dotnet Api/bin/Release/net10.0/Pi.Orleans.Api.dll</c>;
/// one single-mode calculation of 10^8 points ran, and the list is the <c># TYPE</c> lines of <c>curl -s 127.0.0.1:18481/metrics</c>
/// (<c>grep -E "^# TYPE (pi_orleans|microsoft_orleans)"</c>), plus Orleans' <c>orleans-app-requests-canceled</c> (a Counter, seen
/// only after a cancelled grain call). The OpenTelemetry Prometheus exporter names counters <c>*_total</c> and adds the unit
/// (<c>_seconds</c>, <c>_milliseconds</c>, <c>_bytes</c>, <c>_per_second</c>); our counters are there as 0 from the start.
/// Worker silos export the same names, minus pi_orleans_scaling_*, which only the Api computes.
/// </remarks>
public static class ExportedMetrics
{
    /// <summary>Family name → Prometheus type ("counter", "gauge" or "histogram").</summary>
    public static readonly IReadOnlyDictionary<string, string> Families = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        ["pi_orleans_calculation_duration_seconds"] = "histogram",
        ["pi_orleans_calculations_active"] = "gauge",
        ["pi_orleans_calculations_finished_total"] = "counter",
        ["pi_orleans_chunk_duration_seconds"] = "histogram",
        ["pi_orleans_chunks_completed_total"] = "counter",
        ["pi_orleans_chunks_failed_total"] = "counter",
        ["pi_orleans_chunks_pending"] = "gauge",
        ["pi_orleans_chunks_retried_total"] = "counter",
        ["pi_orleans_chunks_speculated_total"] = "counter",
        ["pi_orleans_chunks_speculative_wins_total"] = "counter",
        ["pi_orleans_points_rate_per_second"] = "gauge",
        ["pi_orleans_points_sampled_total"] = "counter",
        ["pi_orleans_scaling_desired_workers"] = "gauge",
        ["pi_orleans_scaling_pending_chunks"] = "gauge",
        ["pi_orleans_scaling_slots_capacity"] = "gauge",
        ["pi_orleans_scaling_slots_queued"] = "gauge",
        ["pi_orleans_scaling_slots_used"] = "gauge",
        ["pi_orleans_slots_capacity"] = "gauge",
        ["pi_orleans_slots_queued"] = "gauge",
        ["pi_orleans_slots_used"] = "gauge",
        ["microsoft_orleans_orleans_app_requests_canceled_total"] = "counter",
        ["microsoft_orleans_orleans_app_requests_latency_milliseconds"] = "histogram",
        ["microsoft_orleans_orleans_catalog_activation_created_total"] = "counter",
        ["microsoft_orleans_orleans_catalog_activation_destroyed_total"] = "counter",
        ["microsoft_orleans_orleans_catalog_activation_latency_milliseconds"] = "histogram",
        ["microsoft_orleans_orleans_catalog_activation_shutdown_total"] = "counter",
        ["microsoft_orleans_orleans_catalog_activation_working_set"] = "gauge",
        ["microsoft_orleans_orleans_catalog_activations"] = "gauge",
        ["microsoft_orleans_orleans_catalog_deactivation_latency_milliseconds"] = "histogram",
        ["microsoft_orleans_orleans_consistent_ring_range_percentage_average"] = "gauge",
        ["microsoft_orleans_orleans_consistent_ring_range_percentage_local"] = "gauge",
        ["microsoft_orleans_orleans_consistent_ring_size"] = "gauge",
        ["microsoft_orleans_orleans_directory_cache_size"] = "gauge",
        ["microsoft_orleans_orleans_directory_lookups_cache_issued_total"] = "counter",
        ["microsoft_orleans_orleans_directory_lookups_cache_successes_total"] = "counter",
        ["microsoft_orleans_orleans_directory_lookups_full_issued_total"] = "counter",
        ["microsoft_orleans_orleans_directory_lookups_local_directory_issued_total"] = "counter",
        ["microsoft_orleans_orleans_directory_lookups_local_issued_total"] = "counter",
        ["microsoft_orleans_orleans_directory_lookups_local_successes_total"] = "counter",
        ["microsoft_orleans_orleans_directory_partition_size"] = "gauge",
        ["microsoft_orleans_orleans_directory_registration_duration_milliseconds"] = "histogram",
        ["microsoft_orleans_orleans_directory_registrations_single_act_issued_total"] = "counter",
        ["microsoft_orleans_orleans_directory_registrations_single_act_local_total"] = "counter",
        ["microsoft_orleans_orleans_directory_registrations_total"] = "counter",
        ["microsoft_orleans_orleans_directory_ring_local_portion_average_percentage"] = "gauge",
        ["microsoft_orleans_orleans_directory_ring_local_portion_distance"] = "gauge",
        ["microsoft_orleans_orleans_directory_ring_local_portion_percentage"] = "gauge",
        ["microsoft_orleans_orleans_directory_ring_size"] = "gauge",
        ["microsoft_orleans_orleans_directory_unregistrations_local_total"] = "counter",
        ["microsoft_orleans_orleans_directory_unregistrations_many_issued_total"] = "counter",
        ["microsoft_orleans_orleans_grains"] = "gauge",
        ["microsoft_orleans_orleans_messaging_processing_activation_data"] = "gauge",
        ["microsoft_orleans_orleans_messaging_processing_dispatcher_forwarded_total"] = "counter",
        ["microsoft_orleans_orleans_messaging_processing_dispatcher_processed_total"] = "counter",
        ["microsoft_orleans_orleans_messaging_processing_dispatcher_received_total"] = "counter",
        ["microsoft_orleans_orleans_messaging_processing_ima_enqueued_total"] = "counter",
        ["microsoft_orleans_orleans_messaging_processing_ima_received_total"] = "counter",
        ["microsoft_orleans_orleans_messaging_received_header_size_bytes_total"] = "counter",
        ["microsoft_orleans_orleans_messaging_sent_header_size_bytes_total"] = "counter",
        ["microsoft_orleans_orleans_messaging_sent_local_total"] = "counter",
        ["microsoft_orleans_orleans_reminders_active"] = "gauge",
        ["microsoft_orleans_orleans_runtime_available_memory_megabytes"] = "gauge",
        ["microsoft_orleans_orleans_runtime_total_physical_memory_megabytes"] = "gauge",
        ["microsoft_orleans_orleans_storage_read_latency_milliseconds"] = "histogram",
        ["microsoft_orleans_orleans_storage_write_latency_milliseconds"] = "histogram",
        ["microsoft_orleans_orleans_system_targets"] = "gauge",
        ["microsoft_orleans_orleans_watchdog_health_checks_total"] = "counter",
    };

    /// <summary>
    /// The family a series name belongs to: itself; for a histogram's _bucket/_sum/_count/_created series the histogram; for a
    /// counter's _created series (OpenMetrics, which Prometheus asks for) the counter; null when the name is not exported.
    /// </summary>
    public static string? FamilyOf(string series)
    {
        if (Families.ContainsKey(series))
        {
            return series;
        }

        foreach (var suffix in (string[])["_bucket", "_sum", "_count", "_created"])
        {
            if (series.EndsWith(suffix, StringComparison.Ordinal) && Families.TryGetValue(series[..^suffix.Length], out var type) && type == "histogram")
            {
                return series[..^suffix.Length];
            }
        }

        var counter = series.EndsWith("_created", StringComparison.Ordinal) ? series[..^"_created".Length] + "_total" : null;
        return counter is not null && Families.TryGetValue(counter, out var kind) && kind == "counter" ? counter : null;
    }
}
