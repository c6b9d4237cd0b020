using System.Collections.Concurrent;

namespace Pi.Orleans.Harness;

/// <summary>What a process writes: the last 400 lines in memory, and every line in a log file when one is given.</summary>
internal sealed class ProcessOutput(string? logPath) : IDisposable
{
    private const int Kept = 400;
    private readonly ConcurrentQueue<string> _lines = new();
    private readonly StreamWriter? _log = logPath is null ? null : new StreamWriter(logPath, append: false) { AutoFlush = true };
    private bool _closed;

    public void Add(string? line)
    {
        if (line is null)
        {
            return;
        }

        if (_log is not null)
        {
            lock (_log)
            {
                if (!_closed)
                {
                    _log.WriteLine(line);
                }
            }
        }

        _lines.Enqueue(line);
        while (_lines.Count > Kept)
        {
            _lines.TryDequeue(out _);
        }
    }

    public string Tail(int lines) => string.Join('\n', _lines.TakeLast(lines));

    /// <summary>The last lines of a log file another process writes (empty when it cannot be read).</summary>
    public static string TailOf(string logPath, int lines)
    {
        try
        {
            using var stream = new FileStream(logPath, FileMode.Open, FileAccess.Read, FileShare.ReadWrite);
            using var reader = new StreamReader(stream);
            return string.Join('\n', reader.ReadToEnd().Split('\n').TakeLast(lines));
        }
        catch (IOException)
        {
            return "";
        }
    }

    public IReadOnlyList<string> Lines => [.. _lines];

    public void Dispose()
    {
        if (_log is not null)
        {
            lock (_log)
            {
                _closed = true;
                _log.Dispose();
            }
        }
    }
}
