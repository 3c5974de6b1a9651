using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using Tongban.Workflows.Runtime.Persistence;

namespace Tongban.Workflows.Migrations.Postgres;

/// <summary>Hardening 8: each audit record carries the MAC the application wrote at insert time; only those are sealed.</summary>
[DbContext(typeof(TongbanDbContext))]
[Migration("20261127100000_AuditRecordSeals")]
public sealed class AuditRecordSeals : SqlScriptMigration;
