using System.Diagnostics;

namespace Pi.Orleans.Experiments.Bench;

/// <summary>
/// A command started in the background with its output and errors going to a log file (the scripts' `cmd &gt;log 2&gt;&amp;1 &amp;`), for
/// commands that outlive one call, unlike <see cref="Tool.RunAsync"/>'s.
/// </summary>
public sealed class LoggedProcess : IDisposable
{
    private readonly Process _process;
    private readonly StreamWriter _log;
    private bool _closed;

    private LoggedProcess(Process process, StreamWriter log)
    {
        _process = process;
        _log = log;
        // Both streams write to one file from two threads: the writer is locked.
        process.OutputDataReceived += (_, e) => Write(e.Data);
        process.ErrorDataReceived += (_, e) => Write(e.Data);
    }

    public int Pid => _process.Id;

    public bool HasExited => _process.HasExited;

    public int ExitCode => _process.ExitCode;

    public static LoggedProcess Start(string file, IEnumerable<string> arguments, string workingDirectory, string logPath)
    {
        var start = new ProcessStartInfo(file) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false, WorkingDirectory = workingDirectory };
        foreach (var a in arguments)
        {
            start.ArgumentList.Add(a);
        }

        var started = new LoggedProcess(new Process { StartInfo = start }, new StreamWriter(logPath) { AutoFlush = true });
        started._process.Start();
        started._process.BeginOutputReadLine();
        started._process.BeginErrorReadLine();
        return started;
    }

    public Task WaitForExitAsync(CancellationToken cancellationToken) => _process.WaitForExitAsync(cancellationToken);

    /// <summary>SIGKILL to the process and its children, when it has not exited: the last resort after the signals that let it clean up.</summary>
    public void Kill()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
        }
    }

    public void Dispose()
    {
        _process.Dispose();
        lock (_log)
        {
            _closed = true;
            _log.Dispose();
        }
    }

    private void Write(string? line)
    {
        lock (_log)
        {
            // After Dispose a late line has nowhere to go; null marks the stream's end.
            if (!_closed && line is not null)
            {
                _log.WriteLine(line);
            }
        }
    }
}
