using Orleans.Dashboard;
using Pi.Orleans.Api.Security;
using Pi.Orleans.Hosting;

namespace Pi.Orleans.Api.Http;

/// <summary>Serves the Orleans Dashboard at /dashboard, behind the operator API key, unless it is switched off.</summary>
public static class DashboardExtensions
{
    /// <summary>Maps the dashboard when <c>Dashboard:Enabled</c> is true.</summary>
    public static WebApplication MapPiDashboard(this WebApplication app)
    {
        if (app.Services.GetRequiredService<PiDashboardOptions>().Enabled)
        {
            app.MapOrleansDashboard("/dashboard").RequireAuthorization(AuthExtensions.OperatorPolicy);
        }

        return app;
    }
}
