using Pi.Orleans.Hosting;

var builder = WebApplication.CreateBuilder(args);
builder.UsePiDefaultUrls(ListenUrlsExtensions.WorkerDefault);
builder.AddPiSilo(SiloRole.Worker);

var app = builder.Build();
app.MapPiHealth();
app.MapPiMetrics();

await app.RunAsync();
