using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using Tongban.Workflows.Runtime.Persistence;

namespace Tongban.Workflows.Migrations.Sqlite;

// Migrations are SQL scripts (Scripts/*.sql, embedded): EF Core's design-time package cannot be restored here,
// so no C# migrations are generated. A new script starts from `schema-script` output; a test checks that a
// migrated database matches the model. See docs/decisions.md.

[DbContext(typeof(TongbanDbContext))]
[Migration("20261121000000_Initial")]
public sealed class Initial : SqlScriptMigration;

