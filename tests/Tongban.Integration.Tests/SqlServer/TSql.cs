using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.EntityFrameworkCore.Migrations;
using Microsoft.SqlServer.TransactSql.ScriptDom;

namespace Tongban.Integration.Tests.SqlServer;

/// <summary>
/// T-SQL read offline with Microsoft's own parser (ScriptDom, SQL Server 2022 grammar): whether it parses, and the
/// schema a script of DDL leaves behind — replayed statement by statement (create, alter, drop) — as sorted lines,
/// comparable with the same lines taken from EF's relational model.
/// </summary>
public static class TSql
{
    /// <summary>Parses a script (GO separates batches); fails the test with every parse error.</summary>
    public static TSqlScript Parse(string sql)
    {
        var fragment = new TSql160Parser(initialQuotedIdentifiers: true).Parse(new StringReader(sql), out var errors);
        Assert.True(errors.Count == 0, string.Join("\n", errors.Select(e => $"line {e.Line}: {e.Message}")) + "\n--- in ---\n" + sql);
        return (TSqlScript)fragment;
    }

    /// <summary>EF's ToQueryString() output, parsed (its DECLARE lines name FromSql's parameters without the @).</summary>
    public static TSqlScript ParseQuery(string sql) => Parse(System.Text.RegularExpressions.Regex.Replace(sql, @"^DECLARE (\w+) ", "DECLARE @$1 ", System.Text.RegularExpressions.RegexOptions.Multiline));

    /// <summary>
    /// Every statement of a script, also those inside BEGIN … END and inside EXEC(N'…') (a script that must run as one
    /// batch puts CREATE TRIGGER, and statements on a column it has just added, there).
    /// </summary>
    public static IEnumerable<TSqlStatement> Statements(TSqlScript script) => script.Batches.SelectMany(b => b.Statements).SelectMany(Flatten);

    private static IEnumerable<TSqlStatement> Flatten(TSqlStatement statement) => statement switch
    {
        BeginEndBlockStatement block => block.StatementList.Statements.SelectMany(Flatten),
        ExecuteStatement { ExecuteSpecification.ExecutableEntity: ExecutableStringList list } =>
            Statements(Parse(string.Concat(list.Strings.OfType<StringLiteral>().Select(l => l.Value)))),
        _ => [statement],
    };

    /// <summary>Raw SQL as EF takes it ({0}, {1} … become parameters), parsed.</summary>
    public static TSqlScript ParseRaw(string sql) => Parse(System.Text.RegularExpressions.Regex.Replace(sql, @"\{(\d+)\}", "@p$1"));

    /// <summary>Every column name a statement refers to (not *).</summary>
    public static IReadOnlySet<string> ColumnsReferenced(TSqlFragment fragment)
    {
        var visitor = new ColumnVisitor();
        fragment.Accept(visitor);
        return visitor.Names;
    }

    /// <summary>Table and index hints of every table reference, upper case ("UPDLOCK", "READPAST", …).</summary>
    public static IReadOnlyList<string> TableHints(TSqlFragment fragment)
    {
        var visitor = new HintVisitor();
        fragment.Accept(visitor);
        return visitor.Hints;
    }

    /// <summary>The schema a DDL script builds, as lines (tables and objects named in <paramref name="ignore"/> left out).</summary>
    public static List<string> SchemaOf(TSqlScript script, ISet<string> ignore)
    {
        var tables = new Dictionary<string, Table>(StringComparer.Ordinal);
        foreach (var statement in Statements(script)) Apply(tables, statement);
        return tables.Where(t => !ignore.Contains(t.Key)).SelectMany(t => t.Value.Lines(t.Key)).Order(StringComparer.Ordinal).ToList();
    }

    /// <summary>The same lines from EF's relational model for SQL Server.</summary>
    public static List<string> SchemaOf(IModel model)
    {
        var lines = new List<string>();
        foreach (var table in model.GetRelationalModel().Tables)
        {
            var store = StoreObjectIdentifier.Table(table.Name, table.Schema);
            foreach (var column in table.Columns)
            {
                var identity = column.PropertyMappings.Any(m => SqlServerPropertyExtensions.GetValueGenerationStrategy(m.Property, store) == Microsoft.EntityFrameworkCore.Metadata.SqlServerValueGenerationStrategy.IdentityColumn);
                lines.Add(ColumnLine(table.Name, column.Name, column.StoreType, column.IsNullable, identity));
            }

            if (table.PrimaryKey is { } pk) lines.Add($"primary key {table.Name} {pk.Name} ({string.Join(",", pk.Columns.Select(c => c.Name))})");
            foreach (var index in table.Indexes)
            {
                lines.Add(IndexLine(table.Name, index.Name, index.IsUnique, index.Columns.Select(c => c.Name), index.Filter));
            }

            foreach (var fk in table.ForeignKeyConstraints)
            {
                lines.Add(ForeignKeyLine(table.Name, fk.Name, fk.Columns.Select(c => c.Name), fk.PrincipalTable.Name, fk.PrincipalColumns.Select(c => c.Name), fk.OnDeleteAction == ReferentialAction.Cascade));
            }
        }

        return lines.Order(StringComparer.Ordinal).ToList();
    }

    private static string ColumnLine(string table, string column, string type, bool nullable, bool identity) =>
        $"column {table}.{column} {type.ToLowerInvariant()} {(nullable ? "null" : "not null")}{(identity ? " identity" : "")}";

    private static string IndexLine(string table, string name, bool unique, IEnumerable<string> columns, string? filter) =>
        $"index {table}.{name}{(unique ? " unique" : "")} ({string.Join(",", columns)}){(filter is null ? "" : " where " + NormaliseFilter(filter))}";

    private static string ForeignKeyLine(string table, string name, IEnumerable<string> columns, string principal, IEnumerable<string> principalColumns, bool cascade) =>
        $"foreign key {table} {name} ({string.Join(",", columns)}) -> {principal} ({string.Join(",", principalColumns)}){(cascade ? " on delete cascade" : "")}";

    /// <summary>[FiredAt] IS NULL, "FiredAt" IS NULL and FiredAt is null are one filter.</summary>
    private static string NormaliseFilter(string filter) =>
        string.Concat(filter.Where(c => c is not ('[' or ']' or '"') && !char.IsWhiteSpace(c))).ToLowerInvariant();

    private sealed class Table
    {
        public Dictionary<string, (string Type, bool Nullable, bool Identity)> Columns { get; } = new(StringComparer.Ordinal);
        public Dictionary<string, string> Constraints { get; } = new(StringComparer.Ordinal);
        public Dictionary<string, string> Indexes { get; } = new(StringComparer.Ordinal);

        public IEnumerable<string> Lines(string name) =>
            Columns.Select(c => ColumnLine(name, c.Key, c.Value.Type, c.Value.Nullable, c.Value.Identity)).Concat(Constraints.Values).Concat(Indexes.Values);
    }

    private static void Apply(Dictionary<string, Table> tables, TSqlStatement statement)
    {
        switch (statement)
        {
            case CreateTableStatement create:
            {
                var name = create.SchemaObjectName.BaseIdentifier.Value;
                var table = tables[name] = new Table();
                AddElements(table, name, create.Definition);
                break;
            }

            case AlterTableAddTableElementStatement add:
                AddElements(tables[add.SchemaObjectName.BaseIdentifier.Value], add.SchemaObjectName.BaseIdentifier.Value, add.Definition);
                break;

            case AlterTableDropTableElementStatement drop:
            {
                var table = tables[drop.SchemaObjectName.BaseIdentifier.Value];
                foreach (var element in drop.AlterTableDropTableElements)
                {
                    if (element.TableElementType == TableElementType.Column) Assert.True(table.Columns.Remove(element.Name.Value), $"no column {element.Name.Value} to drop");
                    // A default constraint is not part of the compared schema; a named key or foreign key is.
                    else table.Constraints.Remove(element.Name.Value);
                }

                break;
            }

            case DropTableStatement drop:
                foreach (var name in drop.Objects) Assert.True(tables.Remove(name.BaseIdentifier.Value), $"no table {name.BaseIdentifier.Value} to drop");
                break;

            case CreateIndexStatement index:
            {
                var name = index.OnName.BaseIdentifier.Value;
                tables[name].Indexes[index.Name.Value] = IndexLine(name, index.Name.Value, index.Unique,
                    index.Columns.Select(c => c.Column.MultiPartIdentifier.Identifiers[^1].Value), index.FilterPredicate is null ? null : Script(index.FilterPredicate));
                break;
            }

            case DropIndexStatement drop:
                foreach (var clause in drop.DropIndexClauses.OfType<DropIndexClause>())
                {
                    Assert.True(tables[clause.Object.BaseIdentifier.Value].Indexes.Remove(clause.Index.Value), $"no index {clause.Index.Value} to drop");
                }

                break;

                // Data changes (UPDATE, DELETE, INSERT into the history), triggers, transactions and EF's IF-guarded
                // history table are not schema.
        }
    }

    private static void AddElements(Table table, string name, TableDefinition definition)
    {
        foreach (var column in definition.ColumnDefinitions)
        {
            var nullable = column.Constraints.OfType<NullableConstraintDefinition>().Select(n => (bool?)n.Nullable).FirstOrDefault();
            Assert.True(nullable is not null, $"{name}.{column.ColumnIdentifier.Value}: say NULL or NOT NULL explicitly");
            table.Columns[column.ColumnIdentifier.Value] = (TypeName(column.DataType), nullable!.Value, column.IdentityOptions is not null);
            foreach (var constraint in column.Constraints.OfType<ForeignKeyConstraintDefinition>()) AddConstraint(table, name, constraint, [column.ColumnIdentifier.Value]);
        }

        foreach (var constraint in definition.TableConstraints) AddConstraint(table, name, constraint, null);
    }

    private static void AddConstraint(Table table, string name, ConstraintDefinition constraint, string[]? columnOf)
    {
        var id = constraint.ConstraintIdentifier?.Value ?? throw new InvalidOperationException($"{name}: name every key and foreign key");
        table.Constraints[id] = constraint switch
        {
            UniqueConstraintDefinition { IsPrimaryKey: true } pk => $"primary key {name} {id} ({string.Join(",", pk.Columns.Select(c => c.Column.MultiPartIdentifier.Identifiers[^1].Value))})",
            ForeignKeyConstraintDefinition fk => ForeignKeyLine(name, id, columnOf ?? fk.Columns.Select(c => c.Value), fk.ReferenceTableName.BaseIdentifier.Value,
                fk.ReferencedTableColumns.Select(c => c.Value), fk.DeleteAction == DeleteUpdateAction.Cascade),
            _ => $"constraint {name} {id} {constraint.GetType().Name}",
        };
    }

    private static string TypeName(DataTypeReference type)
    {
        var sql = (SqlDataTypeReference)type;
        var name = sql.SqlDataTypeOption.ToString().ToLowerInvariant();
        return sql.Parameters.Count == 0 ? name : $"{name}({string.Join(",", sql.Parameters.Select(p => p.Value.ToLower(CultureInfo.InvariantCulture)))})";
    }

    private static string Script(TSqlFragment fragment)
    {
        new Sql160ScriptGenerator().GenerateScript(fragment, out var text);
        return text;
    }

    private sealed class ColumnVisitor : TSqlFragmentVisitor
    {
        public HashSet<string> Names { get; } = new(StringComparer.Ordinal);

        public override void Visit(ColumnReferenceExpression node)
        {
            if (node.MultiPartIdentifier is { Count: > 0 } id) Names.Add(id.Identifiers[^1].Value);
        }
    }

    private sealed class HintVisitor : TSqlFragmentVisitor
    {
        public List<string> Hints { get; } = [];

        public override void Visit(TableHint node) => Hints.Add(node.HintKind.ToString().ToUpperInvariant());
    }
}
