using Microsoft.Extensions.Configuration;
using Pi.Orleans.AppHost;

var builder = DistributedApplication.CreateBuilder(args);

var redis = builder.AddPiRedis("redis");
var provider = new RedisProvider(redis);
var orleans = builder.AddOrleans("pi")
    .WithClustering(provider)
    .WithReminders(provider)
    .WithGrainStorage("calculations", provider)
    .WithGrainDirectory("pi-chunks", provider);

// Generated for each run unless Parameters:api-key sets it; the dashboard shows it with the Api's environment.
var apiKey = builder.AddParameter("api-key", new GenerateParameterDefault { MinLength = 24, Special = false }, secret: true);

builder.AddProject<Projects.Pi_Orleans_Silo>("worker")
    .WithReference(orleans)
    .WaitFor(redis)
    .WithHttpEndpoint()
    .WithHttpHealthCheck("/health/ready")
    .WithReplicas(builder.Configuration.GetValue("Workers", 2));

builder.AddProject<Projects.Pi_Orleans_Api>("api")
    .WithReference(orleans)
    .WaitFor(redis)
    .WithEnvironment("Auth__ApiKeys__0", apiKey)
    .WithHttpEndpoint(port: builder.Configuration.GetValue<int?>("ApiPort"))
    .WithHttpHealthCheck("/health/ready");

builder.Build().Run();
