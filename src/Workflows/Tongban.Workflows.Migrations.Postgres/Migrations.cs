using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using Tongban.Workflows.Runtime.Persistence;

namespace Tongban.Workflows.Migrations.Postgres;

// Migrations are SQL scripts (Scripts/*.sql, embedded): EF Core's design-time package cannot be restored here,
// so no C# migrations are generated. A new script starts from `schema-script` output; a test checks that a
// migrated database matches the model. See docs/decisions.md.

[DbContext(typeof(TongbanDbContext))]
[Migration("20261121000000_Initial")]
public sealed class Initial : Migration
{
    protected override void Up(MigrationBuilder migrationBuilder) => migrationBuilder.Sql(Script.Read("20261121000000_Initial.sql"));
}

internal static class Script
{
    public static string Read(string name)
    {
        using var stream = typeof(Script).Assembly.GetManifestResourceStream($"{typeof(Script).Namespace}.Scripts.{name}")
            ?? throw new InvalidOperationException($"Migration script {name} is not embedded.");
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }
}
