using Pi.Orleans.Api.Apis;
using Pi.Orleans.Api.Hosting;
using Pi.Orleans.Hosting;

var builder = WebApplication.CreateBuilder(args);
builder.AddPiSilo(SiloRole.Front);
builder.AddPiApi();

var app = builder.Build();
app.UsePiApi();
app.MapPiHealth();
app.MapCalculationsApi();
app.MapClusterApi();

await app.RunAsync();
