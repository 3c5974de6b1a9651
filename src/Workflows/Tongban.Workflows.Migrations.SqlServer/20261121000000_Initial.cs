using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using Tongban.Workflows.Runtime.Persistence;

namespace Tongban.Workflows.Migrations.SqlServer;

// Migrations are SQL scripts (Scripts/*.sql, embedded), one assembly per provider, the same ids in each (see
// docs/decisions.md). To port a migration from the PostgreSQL/SQLite projects: copy its class here (namespace
// ...SqlServer, same [Migration] id) and write Scripts/<id>.sql in T-SQL — `schema-script --Database:Provider=SqlServer`
// prints the model's DDL to start from. A script must run as one batch (EF's generated script has no GO inside a
// migration): CREATE TRIGGER, and a statement using a column the same script adds, go inside EXEC(N'…'). Name
// temporary default constraints (DF_<table>_<column>) so that the script can drop them. SqlServerSchemaOfflineTests then checks, without a server, that the ids match the
// other providers and that the script parses and builds the model's schema.

[DbContext(typeof(TongbanDbContext))]
[Migration("20261121000000_Initial")]
public sealed class Initial : SqlScriptMigration;

