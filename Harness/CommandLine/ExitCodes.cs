namespace Pi.Orleans.Harness.CommandLine;

/// <summary>
/// The exit codes of `pi` and the experiments, so that a script can tell "the answer is bad" from "the API said no" from
/// "nothing answered". Append only: a script may already test for a number.
/// </summary>
public static class ExitCodes
{
    /// <summary>The command did what it was asked.</summary>
    public const int Success = 0;

    /// <summary>The command ran but its outcome is a failure: a calculation failed or was cancelled, an experiment's invariant broke or it could not run.</summary>
    public const int Failure = 1;

    /// <summary>The command line or a value in it is invalid; nothing was sent.</summary>
    public const int InvalidArguments = 2;

    /// <summary>The API answered with an error (a problem details document: 4xx or 5xx).</summary>
    public const int ApiError = 3;

    /// <summary>The API could not be reached (connection refused, DNS, TLS).</summary>
    public const int Unreachable = 4;

    /// <summary>The API or a process did not answer in time.</summary>
    public const int Timeout = 5;

    /// <summary>A local process (redis-server, the Api, a silo) could not start, exited or did not get ready.</summary>
    public const int HostFailed = 6;

    /// <summary>Interrupted by the user (Ctrl+C), as shells report SIGINT: 128 + 2.</summary>
    public const int Interrupted = 130;
}
