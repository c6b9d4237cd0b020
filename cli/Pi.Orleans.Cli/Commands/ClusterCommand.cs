using System.CommandLine;
using Pi.Orleans.Client;
using Pi.Orleans.Cli.Rendering;
using Spectre.Console;

namespace Pi.Orleans.Cli.Commands;

/// <summary>`pi cluster`: silos and slots, the scaling signal, and pods and HPA when the API can read Kubernetes.</summary>
internal sealed class ClusterCommand : Command
{
    private readonly IAnsiConsole _console;
    private readonly ApiOption _api;

    public ClusterCommand(IAnsiConsole console, ApiOption api)
        : base("cluster", "Show the silos, their slots, the scaling signal and (in Kubernetes) the pods and HPA.")
    {
        _console = console;
        _api = api;
        SetAction((parse, ct) => CommandRunner.RunAsync(console, api.UrlOf(parse), () => RunAsync(parse, ct), ct));
    }

    private async Task<int> RunAsync(ParseResult parse, CancellationToken cancellationToken)
    {
        using var api = _api.CreateClient(parse);
        var cluster = await api.ClusterAsync(cancellationToken);
        ClusterView.Render(_console, cluster);
        ScalingView.Render(_console, await TryAsync(() => api.ScalingAsync(cancellationToken)));
        try
        {
            KubernetesView.Render(_console, await api.KubernetesStatusAsync(cancellationToken));
        }
        catch (ApiException e) when (e.StatusCode is 401 or 403)
        {
            _console.MarkupLine($"[grey]Kubernetes: /api/k8s/status answered {e.StatusCode}; pass --api-key (or {ApiOption.KeyVariable}) to see pods and HPA.[/]");
        }

        return 0;
    }

    private static async Task<T?> TryAsync<T>(Func<Task<T>> read)
        where T : class
    {
        try
        {
            return await read();
        }
        catch (ApiException e) when (e.StatusCode == 404)
        {
            return null;
        }
    }
}
