using System.Reflection;
using Microsoft.EntityFrameworkCore.Migrations;

namespace Tongban.Workflows.Runtime.Persistence;

/// <summary>
/// A migration that runs the SQL script embedded next to it as <c>Scripts/{migration id}.sql</c> (see
/// docs/decisions.md: EF's design-time package cannot be restored here, so migrations are SQL per provider).
/// </summary>
public abstract class SqlScriptMigration : Migration
{
    protected override void Up(MigrationBuilder migrationBuilder)
    {
        var type = GetType();
        var id = type.GetCustomAttribute<MigrationAttribute>()?.Id ?? throw new InvalidOperationException($"{type.Name} has no [Migration] id.");
        using var stream = type.Assembly.GetManifestResourceStream($"{type.Namespace}.Scripts.{id}.sql")
            ?? throw new InvalidOperationException($"Migration script {id}.sql is not embedded in {type.Assembly.GetName().Name}.");
        using var reader = new StreamReader(stream);
        migrationBuilder.Sql(reader.ReadToEnd());
    }
}
