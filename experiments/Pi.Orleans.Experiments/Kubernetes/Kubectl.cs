using System.Diagnostics;

namespace Pi.Orleans.Experiments.Kubernetes;

/// <summary>Runs kubectl (optionally with a --context) and returns its standard output; a failure is an <see cref="ExperimentException"/>.</summary>
public sealed class Kubectl(string? context)
{
    /// <summary>Fails clearly unless kubectl is installed, has a current context and its API server answers.</summary>
    public async Task EnsureClusterAsync(CancellationToken cancellationToken)
    {
        string contextName;
        try
        {
            contextName = context ?? (await RunAsync(["config", "current-context"], cancellationToken)).Trim();
        }
        catch (ExperimentException e)
        {
            throw new ExperimentException($"kubectl has no cluster: {e.Message} Set KUBECONFIG (k3s: export KUBECONFIG=/etc/rancher/k3s/k3s.yaml) or pass --context; see experiments/README.md.");
        }

        try
        {
            var version = await RunAsync(["get", "--raw", "/version", "--request-timeout=10s"], cancellationToken);
            if (!version.Contains("gitVersion", StringComparison.Ordinal))
            {
                throw new ExperimentException($"'{version.Trim()}' is not a Kubernetes /version answer.");
            }
        }
        catch (ExperimentException e)
        {
            throw new ExperimentException($"kubectl has no reachable cluster (context '{contextName}'): {e.Message} See experiments/README.md.");
        }
    }

    public async Task<string> RunAsync(IEnumerable<string> arguments, CancellationToken cancellationToken)
    {
        var info = new ProcessStartInfo("kubectl") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        if (context is not null)
        {
            info.ArgumentList.Add("--context");
            info.ArgumentList.Add(context);
        }

        foreach (var a in arguments)
        {
            info.ArgumentList.Add(a);
        }

        Process process;
        try
        {
            process = Process.Start(info) ?? throw new ExperimentException("kubectl did not start.");
        }
        catch (System.ComponentModel.Win32Exception)
        {
            throw new ExperimentException("kubectl is not installed or not on PATH.");
        }

        using (process)
        {
            var output = process.StandardOutput.ReadToEndAsync(cancellationToken);
            var error = process.StandardError.ReadToEndAsync(cancellationToken);
            await process.WaitForExitAsync(cancellationToken);
            return process.ExitCode == 0
                ? await output
                : throw new ExperimentException((await error).Trim() is { Length: > 0 } message ? message : $"kubectl exited with code {process.ExitCode}.");
        }
    }
}
