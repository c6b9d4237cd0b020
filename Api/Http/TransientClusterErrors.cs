using System.Globalization;
using Microsoft.AspNetCore.Diagnostics;

namespace Pi.Orleans.Api.Http;

/// <summary>
/// Answers 503 with Retry-After, as ProblemDetails, when the cluster is briefly unable to serve a request (a silo just died and
/// is not yet declared dead, or a call timed out): the client can retry, and nothing accepted before is lost.
/// </summary>
internal sealed class TransientClusterErrors(IProblemDetailsService problems) : IExceptionHandler
{
    private const int RetryAfterSeconds = 5;

    public async ValueTask<bool> TryHandleAsync(HttpContext httpContext, Exception exception, CancellationToken cancellationToken)
    {
        if (exception is not (SiloUnavailableException or OrleansMessageRejectionException or TimeoutException))
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
}
