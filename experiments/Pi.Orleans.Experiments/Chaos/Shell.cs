using System.Diagnostics;

namespace Pi.Orleans.Experiments.Chaos;

/// <summary>Runs a short system command (ip, tc, nft) and returns its exit code and output.</summary>
internal static class Shell
{
    public static (int Code, string Output) Run(string file, params string[] arguments)
    {
        var info = new ProcessStartInfo(file) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var a in arguments)
        {
            info.ArgumentList.Add(a);
        }

        try
        {
            using var process = Process.Start(info)!;
            var output = process.StandardOutput.ReadToEndAsync();
            var error = process.StandardError.ReadToEnd();
            process.WaitForExit();
            return (process.ExitCode, (output.Result + error).Trim());
        }
        catch (System.ComponentModel.Win32Exception e)
        {
            return (127, $"{file}: {e.Message}");
        }
    }

    /// <summary>Runs the command and throws with its output when it fails.</summary>
    public static string Must(string file, params string[] arguments)
    {
        var (code, output) = Run(file, arguments);
        return code == 0
            ? output
            : throw new ExperimentException($"`{file} {string.Join(' ', arguments)}` failed ({code}): {output}");
    }
}
