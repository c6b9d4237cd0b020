namespace Pi.Orleans.Kubernetes.Tests.Fake;

/// <summary>
/// One request the fake received, with what RBAC would check: API group ("" is core), resource, verb and namespace.
/// <paramref name="Body"/> is kept for PATCH requests.
/// </summary>
public sealed record KubernetesRequest(
    DateTimeOffset At,
    string Method,
    string Path,
    string Query,
    string ApiGroup,
    string Resource,
    string Verb,
    string? Namespace,
    string? Name,
    string? ContentType,
    string? Body)
{
    /// <summary>The fake's port the request came in on: which of its URLs the caller was given.</summary>
    public int Port { get; init; }

    /// <summary>The status code the fake answered with; 0 while the answer is still being written (an open watch).</summary>
    public int StatusCode { get; set; }

    /// <summary>A short form for messages, e.g. "watch pods (core) in pi-test".</summary>
    public override string ToString() =>
        $"{Verb} {Resource} ({(ApiGroup.Length == 0 ? "core" : ApiGroup)}){(Name is null ? "" : " " + Name)} in {Namespace ?? "(cluster)"}";

    /// <summary>Classifies a request path the way the API server does for authorization.</summary>
    public static KubernetesRequest From(DateTimeOffset at, string method, string path, string query, string? contentType, string? body)
    {
        // /api/v1/namespaces/{ns}/{resource}[/{name}] or /apis/{group}/{version}/namespaces/{ns}/{resource}[/{name}]
        var segments = path.Trim('/').Split('/');
        var (group, rest) = segments switch
        {
            ["api", _, .. var r] => ("", r),
            ["apis", var g, _, .. var r] => (g, r),
            _ => ("?", segments),
        };
        string? ns = null;
        if (rest is ["namespaces", var n, ..])
        {
            ns = n;
            rest = rest[2..];
        }

        var resource = rest.Length > 0 ? rest[0] : "?";
        var name = rest.Length > 1 ? rest[1] : null;
        var watch = query.Contains("watch=true", StringComparison.OrdinalIgnoreCase);
        var verb = method switch
        {
            "GET" when name is not null => "get",
            "GET" when watch => "watch",
            "GET" => "list",
            "PATCH" => "patch",
            "PUT" => "update",
            "POST" => "create",
            "DELETE" when name is not null => "delete",
            "DELETE" => "deletecollection",
            _ => method.ToLowerInvariant(),
        };
        return new KubernetesRequest(at, method, path, query, group, resource, verb, ns, name, contentType, body);
    }
}
