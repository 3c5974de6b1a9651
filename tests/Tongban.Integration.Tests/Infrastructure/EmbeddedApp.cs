using Microsoft.AspNetCore.TestHost;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Tongban.Testing;

namespace Tongban.Integration.Tests.Infrastructure;

/// <summary>
/// The embedded system as the README runs it (SQLite file, in-memory bus, demo county), each instance on its
/// own fresh database file.
/// </summary>
public sealed class EmbeddedApp : WebApplicationFactory<Program>
{
    public string DatabasePath { get; init; } = Path.Combine(Path.GetTempPath(), $"tongban-test-{Guid.NewGuid():N}.db");

    /// <summary>Leave the database file for a next instance (a restart on the same database); that one deletes it.</summary>
    public bool KeepDatabase { get; init; }

    /// <summary>This instance's audit anchor files (the default, beside the database file, would be shared by every test's database in the temp folder).</summary>
    public string AnchorDirectory { get; } = Path.Combine(Path.GetTempPath(), $"tongban-anchors-{Guid.NewGuid():N}");

    public Dictionary<string, string?> Settings { get; } = [];

    /// <summary>When set, the system reads time from this clock instead of the real one, and sweeps timers often.</summary>
    public ManualClock? Clock { get; init; }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseSetting("ConnectionStrings:Tongban", $"Data Source={DatabasePath}");
        builder.UseSetting("Node:Name", "embedded-test");
        builder.UseSetting("Audit:AnchorDirectory", AnchorDirectory);
        if (Clock is not null)
        {
            builder.UseSetting("TimeLimits:SweepInterval", "00:00:00.100");
            builder.ConfigureTestServices(services => services.AddSingleton<TimeProvider>(Clock));
        }

        // Last, so a test's own setting wins over the defaults above (a test that runs the sweeper's rounds itself
        // sets a long interval; the 100 ms above overrode it and raced the test).
        foreach (var (key, value) in Settings) builder.UseSetting(key, value);
    }

    public Task<StaffClient> LoginAsync(string username) => StaffClient.LoginAsync(CreateClient(), username);

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        if (KeepDatabase) return;
        foreach (var suffix in new[] { "", "-wal", "-shm" })
        {
            File.Delete(DatabasePath + suffix);
        }

        if (Directory.Exists(AnchorDirectory)) Directory.Delete(AnchorDirectory, recursive: true);
    }
}
