using Pi.Orleans.Api.Apis;
using Pi.Orleans.Api.Http;
using Pi.Orleans.Api.KubernetesStatus;
using Pi.Orleans.Api.Limits;
using Pi.Orleans.Api.Scaling;
using Pi.Orleans.Api.Security;
using Pi.Orleans.Hosting;

var builder = WebApplication.CreateBuilder(args);
builder.UsePiDefaultUrls(ListenUrlsExtensions.FrontDefault);
builder.AddPiSilo(SiloRole.Front);
builder.AddPiApi();
builder.AddPiForwardedHeaders();
builder.AddPiScaling();
builder.AddPiAuth();
builder.AddPiDataProtection();
builder.AddPiLimits();
builder.AddPiKubernetesStatus();

var app = builder.Build();
app.UsePiForwardedHeaders();
app.UsePiApi();
app.UsePiAuth();
app.UseRateLimiter();
app.MapPiHealth();
app.MapPiMetrics();
app.MapPiDashboard();
app.MapCalculationsApi();
app.MapClusterApi();
app.MapEstimateApi();
app.MapScalingApi();
app.MapKubernetesApi().RequireAuthorization(AuthExtensions.OperatorPolicy);

await app.RunAsync();
