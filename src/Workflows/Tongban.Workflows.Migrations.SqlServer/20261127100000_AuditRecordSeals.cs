using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using Tongban.Workflows.Runtime.Persistence;

namespace Tongban.Workflows.Migrations.SqlServer;

/// <summary>Hardening 8: each audit record carries a MAC the application writes at insert time.</summary>
[DbContext(typeof(TongbanDbContext))]
[Migration("20261127100000_AuditRecordSeals")]
public sealed class AuditRecordSeals : SqlScriptMigration;
