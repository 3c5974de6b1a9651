using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using Tongban.Workflows.Runtime.Persistence;

namespace Tongban.Workflows.Migrations.Postgres;

/// <summary>The resident's side: grids (with their grid-worker posts), online requests with call-back, collections at home.</summary>
[DbContext(typeof(TongbanDbContext))]
[Migration("20261127400000_ServiceRequests")]
public sealed class ServiceRequests : SqlScriptMigration;
