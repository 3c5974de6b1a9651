using Microsoft.EntityFrameworkCore;
using Npgsql;
using Tongban.UseCases;

namespace Tongban.Integration.Tests.Security;

/// <summary>Which database failures a case step is staged again for (CaseCommit.StepAsync), as PostgreSQL reports them.</summary>
public sealed class TransientFailureTests
{
    [Theory]
    [InlineData("40P01", true)]  // deadlock detected
    [InlineData("40001", true)]  // serialization failure
    [InlineData("23505", false)] // unique violation: a real conflict, not timing
    [InlineData("57014", false)] // query cancelled
    public void Deadlocks_and_serialisation_failures_count_however_deeply_wrapped(string sqlState, bool transient)
    {
        var postgres = new PostgresException("failure", "ERROR", "ERROR", sqlState);
        // As EF's non-retrying execution strategy surfaces it: InvalidOperationException → DbUpdateException → PostgresException.
        var wrapped = new InvalidOperationException("transient?", new DbUpdateException("save failed", postgres));

        Assert.Equal(transient, TransientFailure.Is(postgres));
        Assert.Equal(transient, TransientFailure.Is(wrapped));
    }
}
