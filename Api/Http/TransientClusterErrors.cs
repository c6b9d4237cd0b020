using System.Globalization;
using Microsoft.AspNetCore.Diagnostics;
using Orleans.Persistence.Redis;
using StackExchange.Redis;

namespace Pi.Orleans.Api.Http;

/// <summary>
/// Answers 503 with Retry-After, as ProblemDetails, when the cluster is briefly unable to serve a request (a silo just died and
/// is not yet declared dead, a call timed out, Redis is restarting, or an activation's registration was cancelled by a silo
/// going away): the client can retry, and nothing accepted before is lost.
/// </summary>
internal sealed class TransientClusterErrors(IProblemDetailsService problems) : IExceptionHandler
{
    private const int RetryAfterSeconds = 5;

    public async ValueTask<bool> TryHandleAsync(HttpContext httpContext, Exception exception, CancellationToken cancellationToken)
    {
        if (!IsTransient(exception, httpContext.RequestAborted))
        {
            return false;
        }

        httpContext.Response.StatusCode = StatusCodes.Status503ServiceUnavailable;
        httpContext.Response.Headers.RetryAfter = RetryAfterSeconds.ToString(CultureInfo.InvariantCulture);
        return await problems.TryWriteAsync(new ProblemDetailsContext
        {
            HttpContext = httpContext,
            Exception = exception,
            ProblemDetails =
            {
                Status = StatusCodes.Status503ServiceUnavailable,
                Title = "The cluster is briefly unavailable",
                Detail = "A silo is joining or leaving the cluster; retry after a few seconds.",
            },
        });
    }

    // The exception or one it wraps; a cancellation counts only when the client did not abort the request itself.
    private static bool IsTransient(Exception exception, CancellationToken requestAborted)
    {
        for (var e = exception; e is not null; e = e.InnerException)
        {
            if (e is SiloUnavailableException or OrleansMessageRejectionException or TimeoutException
                or RedisStorageException or RedisException
                || (e is OperationCanceledException && !requestAborted.IsCancellationRequested))
            {
                return true;
            }
        }

        return false;
    }
}
