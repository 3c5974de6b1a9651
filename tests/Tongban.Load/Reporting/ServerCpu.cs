using System.Globalization;
using Npgsql;
using Tongban.Testing;

namespace Tongban.Load.Reporting;

/// <summary>
/// CPU seconds of the PostgreSQL cluster the run uses, and only that one (others may run on a shared machine):
/// its postmaster with its reaped backends, plus the backends alive now. Falls back to every process named postgres
/// when the cluster's postmaster cannot be found (not a superuser, or a server on another machine).
/// </summary>
public sealed class ServerCpu
{
    private readonly int? _postmaster;

    private ServerCpu(int? postmaster) => _postmaster = postmaster;

    /// <summary>Every process named postgres on the machine.</summary>
    public static ServerCpu EveryPostgres { get; } = new(null);

    public static async Task<ServerCpu> ForPostgresAsync(string connectionString)
    {
        try
        {
            await using var connection = new NpgsqlConnection(connectionString);
            await connection.OpenAsync();
            await using var command = new NpgsqlCommand("SHOW data_directory", connection);
            var directory = (string)(await command.ExecuteScalarAsync())!;
            var pid = int.Parse(File.ReadLines(Path.Combine(directory, "postmaster.pid")).First(), CultureInfo.InvariantCulture);
            return new ServerCpu(File.Exists($"/proc/{pid}/stat") ? pid : null);
        }
        catch (Exception e) when (e is NpgsqlException or IOException or UnauthorizedAccessException or FormatException)
        {
            return EveryPostgres;
        }
    }

    /// <summary>
    /// False once the cluster's postmaster is gone (the fault suite restarts the cluster): its reaped backends' time
    /// went with it, so a difference of <see cref="Seconds"/> across the restart means nothing.
    /// </summary>
    public bool SamePostmaster => _postmaster is not { } pid || File.Exists($"/proc/{pid}/stat");

    public double Seconds()
    {
        if (_postmaster is not { } postmaster) return ProcStat.CpuSecondsByName("postgres");
        var total = ProcStat.CpuSeconds(postmaster, withChildren: true) ?? 0;
        foreach (var dir in Directory.EnumerateDirectories("/proc"))
        {
            if (!int.TryParse(Path.GetFileName(dir), out var pid) || pid == postmaster) continue;
            try
            {
                var stat = File.ReadAllText(Path.Combine(dir, "stat"));
                var parent = int.Parse(stat[(stat.LastIndexOf(')') + 2)..].Split(' ')[1], CultureInfo.InvariantCulture);
                if (parent == postmaster) total += ProcStat.CpuSeconds(pid) ?? 0;
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
            }
        }

        return total;
    }
}
