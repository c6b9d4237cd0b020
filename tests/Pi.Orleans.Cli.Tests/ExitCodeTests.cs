using System.CommandLine;
using Pi.Orleans.Cli.Tests.Infrastructure;
using Pi.Orleans.Client;
using Pi.Orleans.Harness.CommandLine;

namespace Pi.Orleans.Cli.Tests;

/// <summary>Each expected failure has its named exit code, from the shared command base that `pi` and the experiments use.</summary>
public sealed class ExitCodeTests
{
    public static TheoryData<string, int> Failures => new()
    {
        { "api", ExitCodes.ApiError },
        { "unreachable", ExitCodes.Unreachable },
        { "http-timeout", ExitCodes.Timeout },
        { "timeout", ExitCodes.Timeout },
        { "host", ExitCodes.HostFailed },
        { "argument", ExitCodes.InvalidArguments },
        { "format", ExitCodes.InvalidArguments },
        { "harness", ExitCodes.Failure },
    };

    [Theory]
    [MemberData(nameof(Failures))]
    public async Task AnExpectedFailureExitsWithItsCodeAndAMessage(string failure, int expected)
    {
        var console = new CapturedConsole();

        var code = await CommandLineApp.RunAsync(Root(new FailingCommand(console, failure)), ["fail"], TestContext.Current.CancellationToken);

        Assert.Equal(expected, code);
        Assert.NotEmpty(console.Text.Trim());
    }

    [Fact]
    public async Task AnInterruptedCommandExitsWith130()
    {
        var console = new CapturedConsole();
        using var interrupt = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);
        interrupt.CancelAfter(TimeSpan.FromMilliseconds(200));

        var code = await CommandLineApp.RunAsync(Root(new FailingCommand(console, "wait")), ["fail"], interrupt.Token);

        Assert.Equal(ExitCodes.Interrupted, code);
        Assert.Contains("Interrupted", console.Text);
    }

    [Fact]
    public async Task ACommandLineThatDoesNotParseIsInvalidArguments()
    {
        var (code, _) = await CliRun.RunAsync("get", "not-a-guid");

        Assert.Equal(ExitCodes.InvalidArguments, code);
    }

    [Fact]
    public async Task AnUnexpectedExceptionIsABugAndIsNotTurnedIntoAnExitCode()
    {
        var console = new CapturedConsole();

        // System.CommandLine reports an unhandled exception itself, with its stack trace, and exits with 1.
        var code = await CommandLineApp.RunAsync(Root(new FailingCommand(console, "bug")), ["fail"], TestContext.Current.CancellationToken);

        Assert.Equal(ExitCodes.Failure, code);
        Assert.Empty(console.Text);
    }

    private static RootCommand Root(FailingCommand command) => new() { Options = { command.Connection.Url, command.Connection.Key }, Subcommands = { command } };

    private sealed class FailingCommand(CapturedConsole console, string failure) : CommandBase("fail", "Fails as told.", console.Console, new ApiOption())
    {
        public ApiOption Connection => Api;

        protected override async Task<int> ExecuteAsync(ParseResult parse, CancellationToken cancellationToken)
        {
            if (failure == "wait")
            {
                await Task.Delay(Timeout.Infinite, cancellationToken);
            }

            throw failure switch
            {
                "api" => new ApiException(404, "Not found", null, new Dictionary<string, string[]>()),
                "unreachable" => new HttpRequestException("Connection refused"),
                "http-timeout" => new TaskCanceledException("The request was canceled due to the configured HttpClient.Timeout."),
                "timeout" => new TimeoutException("The Api was not ready in 90 s."),
                "host" => new HostProcessException("api exited with code 1."),
                "argument" => new ArgumentException("--workers must be at least 1."),
                "format" => new FormatException("'x' is not a number."),
                "harness" => new HarnessException("A cluster is already up."),
                _ => new InvalidOperationException("A bug."),
            };
        }
    }
}
