using Orleans.Dashboard;
using Pi.Orleans.Api.Security;
using Pi.Orleans.Hosting;

namespace Pi.Orleans.Api.Http;

/// <summary>Serves the Orleans Dashboard at /dashboard, behind the operator API key, unless it is switched off.</summary>
public static class DashboardExtensions
{
    private const string Prefix = "/dashboard";

    // Set on a WebApplication's pipeline; without it the branch below gets endpoints of its own instead of the app's.
    private const string GlobalEndpointRouteBuilder = "__GlobalEndpointRouteBuilder";

    /// <summary>
    /// Maps the dashboard when <c>Dashboard:Enabled</c> is true. Its routes are built at the first request under /dashboard:
    /// mapping them loads the dashboard's web assets (about 55 MB of managed memory), which an Api nobody opens the dashboard of
    /// should not carry. The silos' dashboard data is collected from the start either way.
    /// </summary>
    public static WebApplication MapPiDashboard(this WebApplication app)
    {
        if (!app.Services.GetRequiredService<PiDashboardOptions>().Enabled)
        {
            return app;
        }

        var dashboard = new Lazy<RequestDelegate>(() => Build(app), LazyThreadSafetyMode.ExecutionAndPublication);
        app.MapWhen(context => context.Request.Path.StartsWithSegments(Prefix), branch => branch.Run(context => dashboard.Value(context)));
        return app;
    }

    private static RequestDelegate Build(WebApplication app)
    {
        var branch = ((IApplicationBuilder)app).New();
        branch.Properties.Remove(GlobalEndpointRouteBuilder);
        branch.UseRouting();
        branch.UseAuthorization();
        branch.UseEndpoints(endpoints => endpoints.MapOrleansDashboard(Prefix).RequireAuthorization(AuthExtensions.OperatorPolicy));
        return branch.Build();
    }
}
