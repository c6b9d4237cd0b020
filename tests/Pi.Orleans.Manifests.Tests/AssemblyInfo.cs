using Pi.Orleans.Manifests.Tests.Infrastructure;

[assembly: AssemblyFixture(typeof(ChartFixture))]
