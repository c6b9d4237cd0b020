using Microsoft.AspNetCore.Authentication;
using Pi.Orleans.Hosting;

namespace Pi.Orleans.Api.Security;

/// <summary>API-key auth for the mutating endpoints, the dashboard and /api/k8s; off only in the embedded default without keys.</summary>
public static partial class AuthExtensions
{
    /// <summary>The policy operator endpoints require.</summary>
    public const string OperatorPolicy = "operator";

    /// <summary>Registers the API-key scheme and the operator policy; fails at startup in Redis mode without keys.</summary>
    public static WebApplicationBuilder AddPiAuth(this WebApplicationBuilder builder)
    {
        var keys = builder.Configuration.GetSection(AuthOptions.SectionName).Get<AuthOptions>()?.ApiKeys.Where(k => !string.IsNullOrWhiteSpace(k)).ToList() ?? [];
        if (!HostMode.Of(builder).Embedded && keys.Count == 0)
        {
            throw new InvalidOperationException(
                "Auth:ApiKeys is empty: API keys are required outside the embedded default (set Auth__ApiKeys__0, from a Secret in Kubernetes).");
        }

        var enabled = keys.Count > 0;
        builder.Services.AddOptions<AuthOptions>().BindConfiguration(AuthOptions.SectionName);
        builder.Services.AddAuthentication(ApiKeyAuthenticationHandler.SchemeName)
            .AddScheme<AuthenticationSchemeOptions, ApiKeyAuthenticationHandler>(ApiKeyAuthenticationHandler.SchemeName, null);
        builder.Services.AddAuthorizationBuilder().AddPolicy(OperatorPolicy, policy =>
        {
            if (enabled)
            {
                policy.RequireAuthenticatedUser();
            }
            else
            {
                policy.RequireAssertion(_ => true);
            }
        });
        builder.Services.AddSingleton(new AuthState(enabled));
        return builder;
    }

    /// <summary>Adds the middleware and says loudly when auth is off.</summary>
    public static WebApplication UsePiAuth(this WebApplication app)
    {
        app.UseAuthentication();
        app.UseAuthorization();
        if (!app.Services.GetRequiredService<AuthState>().Enabled)
        {
            LogAuthOff(app.Logger);
        }

        return app;
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "AUTHENTICATION IS OFF: embedded default without Auth:ApiKeys; anyone who reaches this port can submit, cancel and open the dashboard. Set Auth__ApiKeys__0 to turn it on.")]
    private static partial void LogAuthOff(ILogger logger);
}
