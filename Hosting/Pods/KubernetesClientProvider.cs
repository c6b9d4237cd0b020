using k8s;
using Microsoft.Extensions.Options;

namespace Pi.Orleans.Hosting.Pods;

/// <summary>One Kubernetes client per process (in-cluster, or <see cref="KubernetesOptions.ApiUrl"/>), and time-boxed calls through it.</summary>
public sealed class KubernetesClientProvider : IDisposable
{
    private readonly Lazy<Kubernetes> _client;
    private readonly TimeSpan _timeout;

    public KubernetesClientProvider(IOptions<KubernetesOptions> options)
    {
        _timeout = options.Value.Timeout;
        var apiUrl = options.Value.ApiUrl;
        _client = new Lazy<Kubernetes>(() => new Kubernetes(CreateConfiguration(apiUrl)));
    }

    /// <summary>The configuration for <paramref name="apiUrl"/> with no authentication, or the in-cluster one when it is empty.</summary>
    public static KubernetesClientConfiguration CreateConfiguration(string apiUrl) =>
        string.IsNullOrWhiteSpace(apiUrl)
            ? KubernetesClientConfiguration.InClusterConfig()
            : new KubernetesClientConfiguration { Host = apiUrl };

    /// <summary>Runs one call, giving up after <see cref="KubernetesOptions.Timeout"/> with a <see cref="TimeoutException"/>.</summary>
    public async Task<T> CallAsync<T>(Func<IKubernetes, CancellationToken, Task<T>> call, CancellationToken cancellationToken)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(_timeout);
        try
        {
            return await call(_client.Value, timeout.Token).WaitAsync(_timeout, cancellationToken);
        }
        catch (Exception ex) when (ex is OperationCanceledException or TimeoutException && !cancellationToken.IsCancellationRequested)
        {
            throw new TimeoutException($"the Kubernetes API did not answer within {_timeout.TotalSeconds:0.###} s", ex);
        }
    }

    public void Dispose()
    {
        if (_client.IsValueCreated)
        {
            _client.Value.Dispose();
        }
    }
}
