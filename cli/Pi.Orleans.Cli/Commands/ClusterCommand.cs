using System.CommandLine;
using Pi.Orleans.Cli.Rendering;
using Pi.Orleans.Client;
using Pi.Orleans.Harness.CommandLine;
using Spectre.Console;

namespace Pi.Orleans.Cli.Commands;

/// <summary>`pi cluster`: silos and slots, the scaling signal, and pods and HPA when the API can read Kubernetes.</summary>
internal sealed class ClusterCommand : ApiCommand
{

    public ClusterCommand(IAnsiConsole console, GlobalOptions global)
        : base("cluster", "Show the silos, their slots, the scaling signal and (in Kubernetes) the pods and HPA.", console, global)
    {
    }

    protected override async Task<int> ExecuteAsync(ParseResult parse, CancellationToken cancellationToken)
    {
        using var api = Api.CreateClient(parse);
        var cluster = await api.ClusterAsync(cancellationToken);
        if (Json(parse))
        {
            // One document, the API's own: GET /api/cluster. The scaling signal and Kubernetes have their routes for scripts.
            WriteJson(cluster);
            return ExitCodes.Success;
        }

        ClusterView.Render(Console, cluster);
        ScalingView.Render(Console, await TryAsync(() => api.ScalingAsync(cancellationToken)));
        try
        {
            KubernetesView.Render(Console, await api.KubernetesStatusAsync(cancellationToken));
        }
        catch (ApiException e) when (e.StatusCode is 401 or 403)
        {
            Console.MarkupLine($"[grey]Kubernetes: /api/k8s/status answered {e.StatusCode}; pass --api-key (or {ApiOption.KeyVariable}) to see pods and HPA.[/]");
        }

        return ExitCodes.Success;
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
