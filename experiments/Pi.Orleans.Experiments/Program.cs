using Pi.Orleans.Experiments;
using Spectre.Console;

return await ExperimentsApp.RunAsync(args, AnsiConsole.Console);
