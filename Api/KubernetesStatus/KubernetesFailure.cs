using System.Net;
using System.Text.Json;
using k8s.Autorest;
using k8s.Exceptions;

namespace Pi.Orleans.Api.KubernetesStatus;

/// <summary>Turns a failed Kubernetes API call into a short reason whose first word says the kind: forbidden, timeout, not-found, unreachable, ...</summary>
internal static class KubernetesFailure
{
    /// <summary>Whether the failure is the API answering 404.</summary>
    public static bool IsNotFound(Exception exception) =>
        exception is HttpOperationException { Response.StatusCode: HttpStatusCode.NotFound };

    /// <summary>The reason, e.g. "forbidden: pods is forbidden: ..." or "timeout: the Kubernetes API did not answer within 3 s".</summary>
    public static string Describe(Exception exception) => exception switch
    {
        HttpOperationException { Response.StatusCode: HttpStatusCode.Forbidden } e => "forbidden: " + Message(e),
        HttpOperationException { Response.StatusCode: HttpStatusCode.Unauthorized } e => "unauthorized: " + Message(e),
        HttpOperationException { Response.StatusCode: HttpStatusCode.NotFound } e => "not found: " + Message(e),
        HttpOperationException e => $"error: the Kubernetes API answered {(int)(e.Response?.StatusCode ?? 0)}: {Message(e)}",
        TimeoutException e => "timeout: " + e.Message,
        HttpRequestException e => "unreachable: " + e.Message,
        KubeConfigException e => "not configured: " + e.Message,
        _ => $"error: {exception.GetType().Name}: {exception.Message}",
    };

    /// <summary>The message of the Status object the API sent back, else the HTTP reason phrase.</summary>
    private static string Message(HttpOperationException exception)
    {
        var content = exception.Response?.Content;
        if (!string.IsNullOrWhiteSpace(content))
        {
            try
            {
                using var status = JsonDocument.Parse(content);
                if (status.RootElement.ValueKind == JsonValueKind.Object
                    && status.RootElement.TryGetProperty("message", out var message) && message.ValueKind == JsonValueKind.String)
                {
                    return message.GetString()!;
                }
            }
            catch (JsonException)
            {
                // Not a Status object: fall back to the reason phrase.
            }
        }

        return exception.Response?.ReasonPhrase ?? exception.Message;
    }
}
