using Npgsql;

namespace Tongban.Limit;

/// <summary>A message staged in the outbox by a transition, sent by the relay after the commit.</summary>
public readonly record struct Outgoing(Guid Id, string Queue, string Body);

/// <summary>What a received message's transaction did.</summary>
public enum Received
{
    Applied,

    /// <summary>The inbox already had the message: an earlier delivery was applied; nothing happened now.</summary>
    Duplicate,

    /// <summary>The case was not in the state and version the message expects (must not happen; counted).</summary>
    Conflict,
}

/// <summary>
/// The tables and the transitions. Every transition is one SQL statement (data-modifying CTEs), so one round trip
/// and one transaction: the version-checked update of the case row, its journal row and its outbox row commit
/// together or not at all; a received message's inbox row commits with the receiver's transition.
/// </summary>
public sealed class Store(NpgsqlDataSource db)
{
    public const string Schema = """
        CREATE TABLE cases (id uuid PRIMARY KEY, state text NOT NULL, version int NOT NULL, document jsonb NOT NULL, updated_at timestamptz NOT NULL) WITH (fillfactor = 80);
        CREATE TABLE journal (case_id uuid NOT NULL, seq int NOT NULL, action text NOT NULL, actor text NOT NULL, at timestamptz NOT NULL, PRIMARY KEY (case_id, seq));
        CREATE TABLE outbox (id uuid PRIMARY KEY, queue text NOT NULL, body text NOT NULL, created_at timestamptz NOT NULL);
        CREATE TABLE inbox (message_id uuid PRIMARY KEY, received_at timestamptz NOT NULL);
        CREATE TABLE monitor (case_id uuid PRIMARY KEY, state text NOT NULL, seq int NOT NULL, transitions int NOT NULL, updated_at timestamptz NOT NULL);
        """;

    private const string OpenSql = """
        WITH c AS (INSERT INTO cases (id, state, version, document, updated_at) VALUES ($1, $2, 1, $3::jsonb, now()) RETURNING id),
             j AS (INSERT INTO journal (case_id, seq, action, actor, at) SELECT id, 1, $4, $5, now() FROM c),
             o AS (INSERT INTO outbox (id, queue, body, created_at) SELECT $6, $7, $8, now() FROM c)
        SELECT count(*) FROM c
        """;

    private const string MoveSql = """
        WITH u AS (UPDATE cases SET state = $4, version = $2 + 1, document = jsonb_set(document, '{state}', to_jsonb($4::text)), updated_at = now()
                   WHERE id = $1 AND version = $2 AND state = $3 RETURNING id, version),
             j AS (INSERT INTO journal (case_id, seq, action, actor, at) SELECT id, version, $5, $6, now() FROM u),
             o AS (INSERT INTO outbox (id, queue, body, created_at) SELECT $7, $8, $9, now() FROM u)
        SELECT count(*) FROM u
        """;

    private const string ReceiveSql = """
        WITH i AS (INSERT INTO inbox (message_id, received_at) VALUES ($10, now()) ON CONFLICT DO NOTHING RETURNING 1),
             u AS (UPDATE cases SET state = $4, version = $2 + 1, document = jsonb_set(document, '{state}', to_jsonb($4::text)), updated_at = now()
                   WHERE id = $1 AND version = $2 AND state = $3 AND EXISTS (SELECT 1 FROM i) RETURNING id, version),
             j AS (INSERT INTO journal (case_id, seq, action, actor, at) SELECT id, version, $5, $6, now() FROM u),
             o AS (INSERT INTO outbox (id, queue, body, created_at) SELECT $7, $8, $9, now() FROM u)
        SELECT (SELECT count(*) FROM i), (SELECT count(*) FROM u)
        """;

    private const string MonitorSql = """
        WITH i AS (INSERT INTO inbox (message_id, received_at) VALUES ($1, now()) ON CONFLICT DO NOTHING RETURNING 1)
        INSERT INTO monitor AS m (case_id, state, seq, transitions, updated_at) SELECT $2, $3, $4, 1, now() FROM i
        ON CONFLICT (case_id) DO UPDATE SET transitions = m.transitions + 1, updated_at = now(),
            state = CASE WHEN excluded.seq > m.seq THEN excluded.state ELSE m.state END, seq = GREATEST(m.seq, excluded.seq)
        """;

    /// <summary>Claims the oldest unsent rows (others' claims skipped); they leave the outbox when the claim commits.</summary>
    private const string ClaimSql = """
        DELETE FROM outbox WHERE id IN (SELECT id FROM outbox ORDER BY id LIMIT $1 FOR UPDATE SKIP LOCKED)
        RETURNING id, queue, body
        """;

    public NpgsqlDataSource Db => db;

    public async Task CreateSchemaAsync()
    {
        await using var command = db.CreateCommand(Schema);
        await command.ExecuteNonQueryAsync();
    }

    /// <summary>Intake: the case row (version 1), its first journal row and its hand-off.</summary>
    public async Task OpenAsync(Guid id, string state, string document, string action, string actor, Outgoing message)
    {
        await using var command = db.CreateCommand(OpenSql);
        Add(command, id, state, document, action, actor, message.Id, message.Queue, message.Body);
        await command.ExecuteScalarAsync();
    }

    /// <summary>A staff step: false when the case is no longer at that state and version (a lost race).</summary>
    public async Task<bool> MoveAsync(Guid id, int version, string from, string to, string action, string actor, Outgoing message)
    {
        await using var command = db.CreateCommand(MoveSql);
        Add(command, id, version, from, to, action, actor, message.Id, message.Queue, message.Body);
        return (long)(await command.ExecuteScalarAsync())! == 1;
    }

    /// <summary>A hand-off, received: the inbox row and the receiver's transition.</summary>
    public async Task<Received> ReceiveAsync(Guid messageId, Guid id, int version, string from, string to, string actor, Outgoing message)
    {
        await using var command = db.CreateCommand(ReceiveSql);
        Add(command, id, version, from, to, Walk.Receive, actor, message.Id, message.Queue, message.Body, messageId);
        await using var reader = await command.ExecuteReaderAsync();
        await reader.ReadAsync();
        return reader.GetInt64(0) == 0 ? Received.Duplicate : reader.GetInt64(1) == 1 ? Received.Applied : Received.Conflict;
    }

    /// <summary>An event, received by the monitor: the inbox row and the case's monitor row.</summary>
    public async Task<Received> MonitorAsync(Guid messageId, Guid id, string state, int seq)
    {
        await using var command = db.CreateCommand(MonitorSql);
        Add(command, messageId, id, state, seq);
        return await command.ExecuteNonQueryAsync() == 1 ? Received.Applied : Received.Duplicate;
    }

    /// <summary>Up to <paramref name="count"/> outbox rows, claimed in <paramref name="transaction"/>.</summary>
    public static async Task<List<Outgoing>> ClaimAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, int count)
    {
        await using var command = new NpgsqlCommand(ClaimSql, connection, transaction);
        command.Parameters.Add(new NpgsqlParameter<int> { TypedValue = count });
        await using var reader = await command.ExecuteReaderAsync();
        var rows = new List<Outgoing>(count);
        while (await reader.ReadAsync()) rows.Add(new Outgoing(reader.GetGuid(0), reader.GetString(1), reader.GetString(2)));
        return rows;
    }

    /// <summary>
    /// The check after a run: every archived case's journal is exactly the walk, and the monitor saw each of its
    /// events once. Returns the number of archived cases and a description of each one that is wrong.
    /// </summary>
    public async Task<(int Archived, List<string> Wrong)> CheckAsync()
    {
        var wrong = new List<string>();
        var expected = string.Join(",", Walk.Journal);
        var events = Walk.TransitionsPerCase - Walk.Steps.Count(s => s.HandOffTo is not null);
        await using var command = db.CreateCommand("""
            SELECT c.id, (SELECT string_agg(j.action, ',' ORDER BY j.seq) FROM journal j WHERE j.case_id = c.id), m.transitions
            FROM cases c LEFT JOIN monitor m ON m.case_id = c.id WHERE c.state = 'Archived'
            """);
        await using var reader = await command.ExecuteReaderAsync();
        var archived = 0;
        while (await reader.ReadAsync())
        {
            archived++;
            var journal = reader.GetString(1);
            var seen = reader.IsDBNull(2) ? 0 : reader.GetInt32(2);
            if (journal != expected) wrong.Add($"case {reader.GetGuid(0)}: journal {journal}");
            else if (seen != events) wrong.Add($"case {reader.GetGuid(0)}: the monitor applied {seen} of {events} events");
        }

        return (archived, wrong);
    }

    private static void Add(NpgsqlCommand command, params object[] values)
    {
        foreach (var v in values) command.Parameters.Add(new NpgsqlParameter { Value = v });
    }
}
