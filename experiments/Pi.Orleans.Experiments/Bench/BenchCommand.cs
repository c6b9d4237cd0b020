using System.CommandLine;
using Spectre.Console;

namespace Pi.Orleans.Experiments.Bench;

/// <summary>`bench service|adaptive|sizes|scale-out|overhead|latency|memory|hot-grain|starvation|load`: the performance measurements, one subcommand per suite.</summary>
internal sealed class BenchCommand : Command
{
    public BenchCommand(IAnsiConsole console)
        : base("bench", "Performance measurements on local clusters; each run writes <suite>-<UTC time>.md and .tsv under results/bench/. Run them on a quiet machine.")
    {
        foreach (var suite in BenchSuites.All)
        {
            Subcommands.Add(Suite(suite, console));
        }
    }

    private static Command Suite(BenchSuite suite, IAnsiConsole console)
    {
        var command = new Command(suite.Command, suite.Description);
        var quick = new Option<bool>("--quick") { Description = "Smaller sizes and fewer repeats." };
        var smoke = new Option<bool>("--smoke") { Description = "Tiny sizes to check that the driver works; the numbers mean nothing and the report stays in the work folder." };
        var only = new Option<string?>("--only") { Description = "A comma-separated list of parts (default: every part)." };
        var output = new Option<string?>("--out") { Description = "Where reports go (default: results/bench)." };
        var work = new Option<string?>("--work") { Description = "Logs and scratch files (default: a new folder under /tmp)." };
        var quietTimeout = new Option<double>("--quiet-timeout") { Description = "Seconds to wait for quiet cores before each figure (QUIET_TIMEOUT).", DefaultValueFactory = _ => 30 };
        var quietBusy = new Option<int>("--quiet-busy") { Description = "The busy share (%) a quiet second may have (QUIET_BUSY).", DefaultValueFactory = _ => 10 };
        var noBuild = new Option<bool>("--no-build") { Description = "Skip the Release build of Api, Silo and the bare sampler." };
        var slowByDuty = new Option<bool>("--slow-by-duty") { Description = "adaptive: hold the slow worker by the SIGSTOP/SIGCONT duty cycle even where a cgroup can be made (SLOW_BY=duty)." };
        var baseline = new Option<string>("--baseline") { Description = "starvation: the commit whose Silo is measured against this tree's.", DefaultValueFactory = _ => "main" };
        var root = new Option<string?>("--root") { Description = "The repository root (default: found above the current folder)." };
        var configuration = new Option<string>("--configuration") { Description = "The build configuration of the hosts.", DefaultValueFactory = _ => "Release" };
        foreach (var option in new Option[] { quick, smoke, only, output, work, quietTimeout, quietBusy, noBuild, slowByDuty, baseline, root, configuration })
        {
            command.Options.Add(option);
        }

        command.SetAction((parse, cancellationToken) =>
        {
            var options = new BenchOptions
            {
                Mode = parse.GetValue(smoke) ? "smoke" : parse.GetValue(quick) ? "quick" : "full",
                Only = parse.GetValue(only)?.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries) ?? [],
                Root = parse.GetValue(root) ?? RepositoryRootOf(Directory.GetCurrentDirectory()),
                Out = parse.GetValue(output),
                Work = parse.GetValue(work) ?? Directory.CreateTempSubdirectory("pi-bench.").FullName,
                QuietTimeout = parse.GetValue(quietTimeout),
                QuietBusy = parse.GetValue(quietBusy),
                NoBuild = parse.GetValue(noBuild),
                DutyOnly = parse.GetValue(slowByDuty),
                Baseline = parse.GetValue(baseline)!,
                Configuration = parse.GetValue(configuration)!,
            };
            return new BenchDriver(suite, options, console).RunAsync(cancellationToken);
        });
        return command;
    }

    /// <summary>The folder above <paramref name="start"/> that holds Pi.Orleans.sln.</summary>
    internal static string RepositoryRootOf(string start)
    {
        for (var dir = new DirectoryInfo(start); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Pi.Orleans.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException($"Pi.Orleans.sln not found above {start}; give --root.");
    }
}
