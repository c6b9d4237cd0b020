using Pi.Orleans.Api.Apis;
using Pi.Orleans.Api.Hosting;
using Pi.Orleans.Api.Scaling;
using Pi.Orleans.Hosting;

var builder = WebApplication.CreateBuilder(args);
builder.AddPiSilo(SiloRole.Front);
builder.AddPiApi();
builder.AddPiScaling();

var app = builder.Build();
app.UsePiApi();
app.MapPiHealth();
app.MapPiMetrics();
app.MapPiDashboard();
app.MapCalculationsApi();
app.MapClusterApi();
app.MapScalingApi();
app.MapProgressApi();

await app.RunAsync();
