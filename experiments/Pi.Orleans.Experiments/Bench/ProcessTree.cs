using System.Globalization;
using Pi.Orleans.Harness;

namespace Pi.Orleans.Experiments.Bench;

/// <summary>One process as /proc lists it: its id, its parent's and its arguments.</summary>
public sealed record ProcessEntry(int Pid, int ParentPid, IReadOnlyList<string> Arguments);

/// <summary>
/// The processes a run started, from a snapshot of /proc (what the footprint script did with ps --ppid and pgrep): a process's
/// tree, and the Aspire orchestrator (DCP), which detaches from the AppHost and so is in no tree of ours.
/// </summary>
public static class ProcessTree
{
    /// <summary>Every process readable now; those that exit while it reads are left out.</summary>
    public static IReadOnlyList<ProcessEntry> Snapshot()
    {
        var entries = new List<ProcessEntry>();
        foreach (var dir in Directory.EnumerateDirectories("/proc"))
        {
            if (!int.TryParse(Path.GetFileName(dir), NumberStyles.None, CultureInfo.InvariantCulture, out var pid))
            {
                continue;
            }

            try
            {
                // The command name (field 2) may hold spaces; the parent's id is the second field after its closing parenthesis.
                var stat = File.ReadAllText(Path.Combine(dir, "stat"));
                var parent = int.Parse(stat[(stat.LastIndexOf(')') + 2)..].Split(' ')[1], CultureInfo.InvariantCulture);
                var arguments = File.ReadAllText(Path.Combine(dir, "cmdline")).Split('\0', StringSplitOptions.RemoveEmptyEntries);
                entries.Add(new ProcessEntry(pid, parent, arguments));
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                // Exited between the listing and the read.
            }
        }

        return entries;
    }

    /// <summary><paramref name="root"/> and all its descendants, root first.</summary>
    public static IReadOnlyList<int> Tree(IReadOnlyList<ProcessEntry> processes, int root)
    {
        var children = processes.ToLookup(p => p.ParentPid, p => p.Pid);
        var tree = new List<int> { root };
        for (var i = 0; i < tree.Count; i++)
        {
            tree.AddRange(children[tree[i]].Where(c => !tree.Contains(c)));
        }

        return tree;
    }

    /// <summary>
    /// The orchestrator that watches one of <paramref name="monitored"/>: Aspire starts `dcp start-apiserver --monitor
    /// &lt;AppHost pid&gt;` and it reparents to init, so only that argument ties it to the run. The pid must be the whole argument
    /// (pgrep -f's substring match would also take another run's --monitor 12345 for 1234).
    /// </summary>
    public static int? Orchestrator(IReadOnlyList<ProcessEntry> processes, IEnumerable<int> monitored)
    {
        var pids = monitored.Select(p => p.ToString(CultureInfo.InvariantCulture)).ToHashSet();
        return processes.FirstOrDefault(p => p.Arguments.Count > 0 && Path.GetFileName(p.Arguments[0]) == "dcp"
            && p.Arguments.Zip(p.Arguments.Skip(1)).Any(a => a.First == "--monitor" && pids.Contains(a.Second)))?.Pid;
    }

    /// <summary>Waits until <paramref name="pid"/> has exited; false after <paramref name="timeout"/>.</summary>
    public static async Task<bool> WaitGoneAsync(int pid, TimeSpan timeout)
    {
        try
        {
            await Eventually.HoldsAsync(_ => Task.FromResult(!OsProcess.IsRunning(pid)), timeout, () => $"process {pid} exited", CancellationToken.None,
                TimeSpan.FromMilliseconds(500));
            return true;
        }
        catch (TimeoutException)
        {
            return false;
        }
    }
}
