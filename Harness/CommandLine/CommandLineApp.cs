using System.CommandLine;

namespace Pi.Orleans.Harness.CommandLine;

/// <summary>Runs a command tree, so that a command line that does not parse exits with <see cref="ExitCodes.InvalidArguments"/>, as a bad value does.</summary>
public static class CommandLineApp
{
    public static async Task<int> RunAsync(RootCommand root, string[] args, CancellationToken cancellationToken = default)
    {
        var parse = root.Parse(args);
        var code = await parse.InvokeAsync(new InvocationConfiguration(), cancellationToken);
        return parse.Errors.Count > 0 ? ExitCodes.InvalidArguments : code;
    }
}
