using System.CommandLine;
using System.Globalization;
using Spectre.Console;

namespace Pi.Orleans.Experiments.Profiling;

/// <summary>
/// `profile FILE --requests N --hz F`: the CPU of a request path by part (<see cref="PerfCategories"/>), from <c>perf script</c>
/// output; with the requests served while it was recorded and perf's sampling rate, also in ms of CPU per request.
/// </summary>
internal sealed class ProfileCommand : Command
{
    private readonly Argument<FileInfo> _file = new("file") { Description = "perf script output (perf script -F comm,tid,ip,sym,dso)." };
    private readonly Option<long> _requests = new("--requests") { Description = "Requests served while perf recorded (0: shares only).", DefaultValueFactory = _ => 0 };
    private readonly Option<double> _hz = new("--hz") { Description = "perf record -F, samples per CPU-second.", DefaultValueFactory = _ => 1999 };

    public ProfileCommand(IAnsiConsole console)
        : base("profile", "Splits a perf profile of the Api (run with DOTNET_PerfMapEnabled=1) into the parts of a request: Kestrel and routing, JSON, validation, grain calls, activation, storage, the index, metrics, logging, tracing, sampling.")
    {
        Arguments.Add(_file);
        Options.Add(_requests);
        Options.Add(_hz);
        SetAction(parse =>
        {
            var counts = PerfCategories.Count(File.ReadLines(parse.GetValue(_file)!.FullName));
            var total = counts.Values.Sum();
            var requests = parse.GetValue(_requests);
            var hz = parse.GetValue(_hz);
            var table = new Table().AddColumns("part", "share", "samples", "ms CPU per request");
            foreach (var (part, samples) in counts.OrderByDescending(c => c.Value))
            {
                table.AddRow(Markup.Escape(part), ((double)samples / total).ToString("P1", CultureInfo.InvariantCulture),
                    samples.ToString(CultureInfo.InvariantCulture), requests > 0 ? (samples / hz / requests * 1000).ToString("F4", CultureInfo.InvariantCulture) : "");
            }

            table.AddRow("all", "100 %", total.ToString(CultureInfo.InvariantCulture), requests > 0 ? (total / hz / requests * 1000).ToString("F4", CultureInfo.InvariantCulture) : "");
            console.Write(table);
            return 0;
        });
    }
}
