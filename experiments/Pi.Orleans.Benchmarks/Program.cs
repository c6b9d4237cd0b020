using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Running;

// Reports go under bin/, which git ignores, instead of the directory the command runs from.
var config = DefaultConfig.Instance.WithArtifactsPath(Path.Combine(AppContext.BaseDirectory, "BenchmarkDotNet.Artifacts"));
BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args, config);
