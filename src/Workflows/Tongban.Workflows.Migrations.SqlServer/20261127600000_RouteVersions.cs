using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using Tongban.Workflows.Runtime.Persistence;

namespace Tongban.Workflows.Migrations.SqlServer;

/// <summary>Published route versions (route_versions) and items' chosen route versions (item_route_choices).</summary>
[DbContext(typeof(TongbanDbContext))]
[Migration("20261127600000_RouteVersions")]
public sealed class RouteVersions : SqlScriptMigration;
