using System.Globalization;

namespace Pi.Orleans.Harness;

/// <summary>Log file names of a process that is restarted: each start writes its own file.</summary>
internal static class StartLog
{
    /// <summary>The log file of the <paramref name="start"/>-th start: the given path, then name.2.log, name.3.log, ….</summary>
    public static string? PathOf(string? logPath, int start) => logPath is null || start <= 1
        ? logPath
        : Path.ChangeExtension(logPath, $"{start.ToString(CultureInfo.InvariantCulture)}{Path.GetExtension(logPath)}");
}
