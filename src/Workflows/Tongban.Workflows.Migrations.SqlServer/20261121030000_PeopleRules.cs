using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using Tongban.Workflows.Runtime.Persistence;

namespace Tongban.Workflows.Migrations.SqlServer;

/// <summary>Issue 4: people rules — absences, escalation to B, acting-for, channel, authorisations, consultations, correction approvals, seal ledger, rectification items.</summary>
[DbContext(typeof(TongbanDbContext))]
[Migration("20261121030000_PeopleRules")]
public sealed class PeopleRules : SqlScriptMigration;
