using Pi.Orleans.Cli;
using Spectre.Console;

var errors = AnsiConsole.Create(new AnsiConsoleSettings { Out = new AnsiConsoleOutput(Console.Error) });
return await CliApp.RunAsync(args, AnsiConsole.Console, errors);
