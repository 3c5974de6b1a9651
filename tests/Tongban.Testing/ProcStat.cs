using System.Globalization;

namespace Tongban.Testing;

/// <summary>CPU time and peak resident memory of processes, read from Linux's /proc.</summary>
public static class ProcStat
{
    private const double TicksPerSecond = 100; // USER_HZ on Linux

    /// <summary>Peak resident set size (VmHWM) in MB, or null if the process is gone.</summary>
    public static double? PeakRssMb(int pid)
    {
        try
        {
            var line = File.ReadLines($"/proc/{pid}/status").FirstOrDefault(l => l.StartsWith("VmHWM:", StringComparison.Ordinal));
            return line is null ? null : long.Parse(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], CultureInfo.InvariantCulture) / 1024.0;
        }
        catch (IOException)
        {
            return null;
        }
    }

    /// <summary>User + system CPU seconds of the process (plus its reaped children's), or null if it is gone.</summary>
    public static double? CpuSeconds(int pid, bool withChildren = false)
    {
        try
        {
            var stat = File.ReadAllText($"/proc/{pid}/stat");
            // The command name is in parentheses and may contain spaces; fields are counted after it.
            var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
            double Field(int n) => double.Parse(fields[n - 3], CultureInfo.InvariantCulture); // n as in proc(5)
            var ticks = Field(14) + Field(15) + (withChildren ? Field(16) + Field(17) : 0);
            return ticks / TicksPerSecond;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return null;
        }
    }

    /// <summary>The ids of the processes whose command name is <paramref name="name"/>.</summary>
    public static IReadOnlySet<int> PidsByName(string name)
    {
        var pids = new HashSet<int>();
        foreach (var dir in Directory.EnumerateDirectories("/proc"))
        {
            if (!int.TryParse(Path.GetFileName(dir), out var pid)) continue;
            try
            {
                if (File.ReadAllText(Path.Combine(dir, "comm")).Trim() == name) pids.Add(pid);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
            }
        }

        return pids;
    }

    /// <summary>
    /// CPU seconds of every process whose command name is one of <paramref name="names"/>, with reaped children
    /// (PostgreSQL's postmaster collects its finished backends' time this way).
    /// </summary>
    public static double CpuSecondsByName(params string[] names) =>
        names.SelectMany(PidsByName).Sum(pid => CpuSeconds(pid, withChildren: true) ?? 0);
}
