using System.Globalization;
using System.Threading.RateLimiting;
using Microsoft.Extensions.Options;

namespace Pi.Orleans.Api.Limits;

/// <summary>ASP.NET Core's rate limiter for submissions: a token bucket per client; rejections are 429 ProblemDetails with Retry-After.</summary>
public static class LimitsExtensions
{
    /// <summary>The policy on POST /api/calculate.</summary>
    public const string SubmitPolicy = "submit";

    /// <summary>Registers the options and the limiter.</summary>
    public static WebApplicationBuilder AddPiLimits(this WebApplicationBuilder builder)
    {
        builder.Services.AddOptions<LimitsOptions>().BindConfiguration(LimitsOptions.SectionName).ValidateDataAnnotations().ValidateOnStart();
        builder.Services.AddSingleton<SingleRequestGate>();
        builder.Services.AddRateLimiter(o =>
        {
            o.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            o.AddPolicy(SubmitPolicy, context =>
            {
                var limits = context.RequestServices.GetRequiredService<IOptions<LimitsOptions>>().Value;
                var perSecond = Math.Max(1, limits.SubmissionsPerMinutePerClient / 60);
                return RateLimitPartition.GetTokenBucketLimiter(ClientName(context), _ => new TokenBucketRateLimiterOptions
                {
                    TokenLimit = Math.Max(perSecond, limits.SubmissionsPerMinutePerClient / 6),
                    TokensPerPeriod = perSecond,
                    ReplenishmentPeriod = TimeSpan.FromSeconds(1),
                    QueueLimit = 0,
                    AutoReplenishment = true,
                });
            });
            o.OnRejected = async (context, cancellationToken) =>
            {
                var limits = context.HttpContext.RequestServices.GetRequiredService<IOptions<LimitsOptions>>().Value;
                var retry = context.Lease.TryGetMetadata(MetadataName.RetryAfter, out var after) ? (int)Math.Ceiling(after.TotalSeconds) : limits.RetryAfterSeconds;
                await TooMany(context.HttpContext, retry, "Too many submissions", "This client submits faster than Limits:SubmissionsPerMinutePerClient allows.")
                    .ExecuteAsync(context.HttpContext);
            };
        });
        return builder;
    }

    /// <summary>Who is asking: the API key's name when authenticated, else the remote address.</summary>
    public static string ClientName(HttpContext context) =>
        context.User.Identity?.IsAuthenticated == true ? context.User.Identity.Name! : context.Connection.RemoteIpAddress?.ToString() ?? "unknown";

    /// <summary>A 429 ProblemDetails answer with Retry-After.</summary>
    public static IResult TooMany(HttpContext context, int retryAfterSeconds, string title, string detail)
    {
        context.Response.Headers.RetryAfter = retryAfterSeconds.ToString(CultureInfo.InvariantCulture);
        return TypedResults.Problem(statusCode: StatusCodes.Status429TooManyRequests, title: title, detail: detail);
    }
}
