using System.Net.Sockets;
using k8s.Models;

namespace Pi.Orleans.Images.Tests.Infrastructure;

/// <summary>One of a container's probes from the chart, run against the container the way the kubelet runs it.</summary>
public sealed class PodProbe(string kind, V1Probe probe, V1Container container)
{
    private static readonly HttpClient Http = new();

    /// <summary>startup, readiness or liveness.</summary>
    public string Kind { get; } = kind;

    /// <summary>What it checks, for messages ("GET :8080/health/ready").</summary>
    public string Description => probe switch
    {
        { HttpGet: { } h } => $"{Kind}: GET :{Port(h.Port)}{h.Path}",
        { TcpSocket: { } t } => $"{Kind}: TCP :{Port(t.Port)}",
        { Exec: { } e } => $"{Kind}: exec {string.Join(' ', e.Command)}",
        _ => throw new NotSupportedException($"{Kind} probe of {container.Name}: only httpGet, tcpSocket and exec are mapped"),
    };

    /// <summary>How long the kubelet keeps trying before it gives up: periodSeconds × failureThreshold.</summary>
    public TimeSpan Patience => TimeSpan.FromSeconds((probe.PeriodSeconds ?? 10) * (probe.FailureThreshold ?? 3));

    /// <summary>The probes a container has, startup first.</summary>
    public static IReadOnlyList<PodProbe> Of(V1Container container) =>
        [.. new[] { ("startup", container.StartupProbe), ("readiness", container.ReadinessProbe), ("liveness", container.LivenessProbe) }
            .Where(p => p.Item2 is not null).Select(p => new PodProbe(p.Item1, p.Item2!, container))];

    /// <summary>Runs the probe once against the container at <paramref name="ip"/>: success, and what was seen.</summary>
    public async Task<(bool Ok, string Seen)> RunAsync(string containerName, string ip, CancellationToken cancellationToken)
    {
        var timeout = TimeSpan.FromSeconds(probe.TimeoutSeconds ?? 1);
        try
        {
            switch (probe)
            {
                case { HttpGet: { } h }:
                    using (var cts = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken))
                    {
                        cts.CancelAfter(timeout);
                        using var response = await Http.GetAsync(new Uri($"http://{ip}:{Port(h.Port)}{h.Path}"), cts.Token);
                        // The kubelet counts 200-399 as success; the test asks for 200, which every probe path here returns.
                        return ((int)response.StatusCode == 200, $"{(int)response.StatusCode}");
                    }

                case { TcpSocket: { } t }:
                    using (var client = new TcpClient())
                    {
                        await client.ConnectAsync(ip, Port(t.Port), cancellationToken).AsTask().WaitAsync(timeout, cancellationToken);
                        return (true, "connected");
                    }

                case { Exec: { } e }:
                    var (code, output) = await DockerCli.TryAsync("docker", ["exec", containerName, .. e.Command], cancellationToken, timeout + TimeSpan.FromSeconds(5));
                    return (code == 0, $"exit {code} {output.Trim()}");
            }
        }
        catch (Exception e) when (e is HttpRequestException or SocketException or TimeoutException or OperationCanceledException && !cancellationToken.IsCancellationRequested)
        {
            return (false, e.GetType().Name + ": " + e.Message);
        }

        throw new NotSupportedException(Description);
    }

    private int Port(IntOrString port) =>
        int.TryParse(port.Value, out var number)
            ? number
            : container.Ports.Single(p => p.Name == port.Value).ContainerPort;
}
