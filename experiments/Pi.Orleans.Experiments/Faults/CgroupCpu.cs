using System.Globalization;
using Pi.Orleans.Harness;

namespace Pi.Orleans.Experiments.Faults;

/// <summary>
/// The cpu controller of this machine's cgroups, where the soak makes child groups at the top of the hierarchy: cgroup v2
/// (<c>cpu.max</c>) when a unified hierarchy has the cpu controller, else cgroup v1 (<c>cpu.cfs_quota_us</c>).
/// </summary>
internal sealed record CgroupCpu(string Root, bool Unified)
{
    /// <summary>What the soak writes, for the report.</summary>
    public string Describe(int quota, int period) => Unified
        ? $"cgroup v2, cpu.max \"{quota} {period}\" under {Root}"
        : $"cgroup v1, cpu.cfs_quota_us {quota} per cpu.cfs_period_us {period} under {Root}";

    /// <summary>The mounted hierarchy with the cpu controller (v2 first), or null.</summary>
    public static CgroupCpu? Find()
    {
        var mounts = File.Exists("/proc/self/mounts") ? File.ReadAllLines("/proc/self/mounts") : [];
        var fields = mounts.Select(l => l.Split(' ')).Where(f => f.Length >= 4).ToList();
        var unified = fields.FirstOrDefault(f => f[2] == "cgroup2" && Controllers(f[1]).Contains("cpu"));
        if (unified is not null)
        {
            return new CgroupCpu(unified[1], true);
        }

        var v1 = fields.FirstOrDefault(f => f[2] == "cgroup" && f[3].Split(',').Contains("cpu"));
        return v1 is null ? null : new CgroupCpu(v1[1], false);
    }

    /// <summary>Makes the child group <paramref name="name"/> limited to <paramref name="quota"/> µs of CPU per <paramref name="period"/> µs.</summary>
    public string Create(string name, int quota, int period)
    {
        if (Unified && !Controllers(Root, "cgroup.subtree_control").Contains("cpu"))
        {
            Write(Path.Join(Root, "cgroup.subtree_control"), "+cpu");
        }

        var group = Path.Join(Root, name);
        Directory.CreateDirectory(group);
        if (Unified)
        {
            Write(Path.Join(group, "cpu.max"), $"{quota} {period}");
        }
        else
        {
            Write(Path.Join(group, "cpu.cfs_period_us"), period.ToString(CultureInfo.InvariantCulture));
            Write(Path.Join(group, "cpu.cfs_quota_us"), quota.ToString(CultureInfo.InvariantCulture));
        }

        return group;
    }

    /// <summary>The group of this hierarchy that <paramref name="pid"/> is in, or null when it is gone.</summary>
    public string? GroupOf(int pid)
    {
        try
        {
            // "0::/path" on v2; "n:cpu,cpuacct:/path" on v1.
            var line = File.ReadAllLines($"/proc/{pid}/cgroup").Select(l => l.Split(':', 3)).FirstOrDefault(f => f.Length == 3 &&
                (Unified ? f[0] == "0" && f[1].Length == 0 : f[1].Split(',').Contains("cpu")));
            return line is null ? null : Path.Join(Root, line[2]);
        }
        catch (IOException)
        {
            return null;
        }
    }

    /// <summary>Moves the process, every thread of it, into <paramref name="group"/>; false when it is gone.</summary>
    public static bool Move(int pid, string group)
    {
        try
        {
            Write(Path.Join(group, "cgroup.procs"), pid.ToString(CultureInfo.InvariantCulture));
            return true;
        }
        catch (IOException) when (!OsProcess.IsRunning(pid))
        {
            return false;
        }
    }

    /// <summary>Moves whatever is still in <paramref name="group"/> to the root and removes the group.</summary>
    public void Remove(string group)
    {
        if (!Directory.Exists(group))
        {
            return;
        }

        foreach (var pid in File.ReadAllLines(Path.Join(group, "cgroup.procs")).Where(l => l.Length > 0))
        {
            Move(int.Parse(pid, CultureInfo.InvariantCulture), Root);
        }

        // rmdir, not a recursive delete: a cgroup's files go with it.
        Directory.Delete(group);
    }

    /// <summary>The groups at the top of the hierarchy whose names start with <paramref name="prefix"/>.</summary>
    public IReadOnlyList<string> Groups(string prefix) => Directory.Exists(Root) ? Directory.GetDirectories(Root, prefix + "*") : [];

    private static string[] Controllers(string directory, string file = "cgroup.controllers")
    {
        var path = Path.Join(directory, file);
        return File.Exists(path) ? File.ReadAllText(path).Split(' ', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries) : [];
    }

    // cgroup files take one value per write(2), without truncation.
    private static void Write(string path, string value)
    {
        using var file = new FileStream(path, FileMode.Open, FileAccess.Write);
        file.Write(System.Text.Encoding.ASCII.GetBytes(value));
    }
}
