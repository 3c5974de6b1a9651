using System.Collections.Concurrent;
using System.Net;
using System.Net.Http.Json;
using Microsoft.AspNetCore.TestHost;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Tongban.Integration.Tests.Infrastructure;
using Tongban.Workflows.Runtime.Persistence;
using static Tongban.Testing.StaffClient;

namespace Tongban.Integration.Tests.Security;

/// <summary>An unexpected failure in the API is logged once with its trace id, and the caller gets that trace id.</summary>
public sealed class InputsErrorLogTests : IAsyncDisposable
{
    private readonly EmbeddedApp _app = new();
    private readonly CapturingLoggerProvider _logs = new();

    public async ValueTask DisposeAsync() => await _app.DisposeAsync();

    [Fact]
    public async Task A_500_is_logged_once_at_error_level_with_the_trace_id_the_body_carries()
    {
        await using var app = _app.WithWebHostBuilder(b => b.ConfigureTestServices(s => s.AddSingleton<ILoggerProvider>(_logs)));
        var clerk = await LoginAsync(app.CreateClient(), "dongmen.clerk");
        using (var scope = app.Services.CreateScope())
        {
            await scope.ServiceProvider.GetRequiredService<TongbanDbContext>().Database.ExecuteSqlRawAsync("ALTER TABLE consultations RENAME TO consultations_gone");
        }

        var response = await clerk.Http.PostAsJsonAsync("/api/consultations", new { itemCode = "QS-MZ-001" });

        Assert.Equal(HttpStatusCode.InternalServerError, response.StatusCode);
        var traceId = (await ProblemAsync(response))["traceId"]!.GetValue<string>();
        var logged = _logs.Entries.Where(e => e.Category.EndsWith("ApiUnhandledException", StringComparison.Ordinal)).ToList();
        var entry = Assert.Single(logged);
        Assert.Equal(LogLevel.Error, entry.Level);
        Assert.Contains(traceId, entry.Message, StringComparison.Ordinal);
        Assert.NotNull(entry.Exception);
        Assert.Contains(entry.Exception.GetType().FullName!, entry.Message, StringComparison.Ordinal);
    }

    private sealed record Entry(string Category, LogLevel Level, string Message, Exception? Exception);

    private sealed class CapturingLoggerProvider : ILoggerProvider
    {
        public ConcurrentQueue<Entry> Entries { get; } = new();

        public ILogger CreateLogger(string categoryName) => new Logger(categoryName, Entries);

        public void Dispose() { }

        private sealed class Logger(string category, ConcurrentQueue<Entry> entries) : ILogger
        {
            public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

            public bool IsEnabled(LogLevel logLevel) => true;

            public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
                entries.Enqueue(new Entry(category, logLevel, formatter(state, exception), exception));
        }
    }
}
