using System.Text;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Tongban.Workflows.Routes;
using Tongban.Workflows.Tests.Calendars;

namespace Tongban.Workflows.Tests.Routes;

/// <summary>
/// Routes are data (issue 12, must-show 1): every route is a file under data/routes/, and no C# file under src/ names a
/// state of a particular route. The code asks what a state IS (the step kinds it offers, its stage, its holder, whether
/// it is an end and which, whether it is a hand-off on its way somewhere), never which one it is.
///
/// The rule, checked on every src/**/*.cs file (but obj/ and bin/ and the three migrations projects, whose snapshots
/// are generated): for every node id and every state name (named or derived transit states) of every route in
/// data/routes/*.json,
/// - a string literal (or literal part of an interpolated string) exactly equal to the name is a hit;
/// - a C# identifier equal to the name is a hit only as a member of a states class (<c>PilotStates.AwaitingSignFor</c>,
///   any class whose name ends in "States"): node ids such as Start, Split or Outcome are ordinary words too (a record's
///   <c>Outcome</c>, <c>string.Split</c>), so a bare identifier is not a hit;
/// - comments (including XML docs) are not code and are not scanned.
/// The step kinds (signFor, accept, …) are the vetted vocabulary routes combine, not a route's states; they are
/// named in Routes/StepKinds.cs and the stage names, and are not part of this check.
/// </summary>
public sealed class RouteNamesInCodeTests
{
    /// <summary>
    /// Files that may name a route's states, relative to the repository root. Empty: the states' labels come from
    /// the route files themselves (the "label" of each node and transit), and the engine's own before-intake marker
    /// (CaseStates.None) is not a node of any route.
    /// </summary>
    private static readonly string[] Allowed = [];

    /// <summary>Folders never scanned: build output and the generated migrations projects.</summary>
    private static bool Skipped(string relative) =>
        relative.Split('/').Any(part => part is "obj" or "bin" || part.StartsWith("Tongban.Workflows.Migrations.", StringComparison.Ordinal));

    [Fact]
    public void No_source_file_names_a_state_of_a_particular_route()
    {
        var names = RouteStateNames();
        Assert.Contains("AwaitingSignFor", names.Keys);
        var root = CalendarData.RepositoryRoot;
        var hits = new List<string>();
        var scanned = 0;
        foreach (var file in Directory.EnumerateFiles(Path.Combine(root, "src"), "*.cs", SearchOption.AllDirectories).Order(StringComparer.Ordinal))
        {
            var relative = Path.GetRelativePath(root, file).Replace('\\', '/');
            if (Skipped(relative) || Allowed.Contains(relative)) continue;
            scanned++;
            hits.AddRange(SourceScan.Hits(File.ReadAllText(file), names.Keys.ToHashSet(StringComparer.Ordinal))
                .Select(h => $"{relative}:{h.Line}: {h.What} names state {h.Name} of routes {string.Join(", ", names[h.Name])}"));
        }

        Assert.True(scanned > 100, $"only {scanned} source files found under {root}/src");
        Assert.True(hits.Count == 0, "C# code names states of particular routes (ask what the state is instead: its step kinds, stage, holder, end):\n" + string.Join("\n", hits));
    }

    [Fact]
    public void Every_route_is_a_file_under_data_routes_and_the_allowed_files_exist()
    {
        var files = Directory.GetFiles(Path.Combine(CalendarData.RepositoryRoot, "data", "routes"), "*.json");
        Assert.NotEmpty(files);
        foreach (var file in files)
        {
            var route = RouteFile.Parse(File.ReadAllText(file));
            Assert.Equal(RouteReference.FileName(route.Id, route.Version), Path.GetFileName(file));
        }

        Assert.All(Allowed, a => Assert.True(File.Exists(Path.Combine(CalendarData.RepositoryRoot, a)), $"allowed file {a} does not exist"));
    }

    [Fact]
    public void The_scan_finds_literals_and_members_of_a_states_class_but_not_comments_or_ordinary_words()
    {
        const string source = """"
            // AwaitingSignFor in a comment
            /// <param name="Outcome">xml doc</param>
            /* "Handling" in a block comment */
            var a = "AwaitingSignFor";
            var b = PilotStates.Handling;
            var c = PilotStates . Decided;
            var d = record.Outcome + parts.Split(',') + Start();
            var e = $"{x}Handling";
            var f = $"{(y ? "Withdrawn" : "x")} and {{Archived}}";
            var g = @"say ""Accepted"" here";
            var h = "AwaitingSignFor2" + 'A' + '"' + "\"Evaluated\"";
            var i = """
                Delivered
                """;
            var j = CaseStates.None + c.State + definition.State("x") + EntityStates.Added;
            """";
        var names = new HashSet<string>(["AwaitingSignFor", "Handling", "Decided", "Outcome", "Split", "Start", "Withdrawn", "Archived", "Accepted", "Evaluated", "Delivered"], StringComparer.Ordinal);
        var hits = SourceScan.Hits(source, names).Select(h => $"{h.Line}:{h.Name}").ToList();
        Assert.Equal(["4:AwaitingSignFor", "5:Handling", "6:Decided", "8:Handling", "9:Withdrawn", "12:Delivered"], hits);
    }

    /// <summary>Every node id and every state of every route file, with the routes that have it.</summary>
    private static Dictionary<string, SortedSet<string>> RouteStateNames()
    {
        var names = new Dictionary<string, SortedSet<string>>(StringComparer.Ordinal);
        void Add(string? name, string route)
        {
            if (string.IsNullOrEmpty(name)) return;
            if (!names.TryGetValue(name, out var routes)) names[name] = routes = new(StringComparer.Ordinal);
            routes.Add(route);
        }

        foreach (var file in Directory.GetFiles(Path.Combine(CalendarData.RepositoryRoot, "data", "routes"), "*.json"))
        {
            var text = File.ReadAllText(file);
            var json = JsonNode.Parse(text)!.AsObject();
            var id = (string?)json["id"] ?? Path.GetFileName(file);
            foreach (var node in json["nodes"]?.AsArray() ?? []) Add((string?)node?["id"], id);
            foreach (var edge in json["edges"]?.AsArray() ?? []) Add((string?)edge?["transit"]?["state"], id);
            Add((string?)json["withdrawTo"], id);
            // Transit states the compiler names itself ({from}To{to}) are states too.
            var compiled = RouteCompiler.Compile(RouteFile.Parse(text), "X-1", 1, RouteSamples.Vocabulary).Definition;
            foreach (var state in compiled?.States ?? []) Add(state.Name, id);
        }

        return names;
    }
}

/// <summary>
/// A small C# lexer for <see cref="RouteNamesInCodeTests"/>: comments are dropped, string literals (regular, verbatim,
/// raw, interpolated with their holes scanned as code) are collected, and the code left over is searched for members
/// of states classes.
/// </summary>
internal sealed partial class SourceScan
{
    public sealed record Hit(int Line, string Name, string What);

    private readonly string _s;
    private readonly char[] _code;
    private readonly List<(int Offset, string Text)> _literals = [];

    private SourceScan(string source)
    {
        _s = source;
        _code = source.ToCharArray();
    }

    [GeneratedRegex(@"\b(?<class>[A-Za-z_][A-Za-z0-9_]*States)\s*\.\s*(?<member>[A-Za-z_][A-Za-z0-9_]*)\b")]
    private static partial Regex StatesMember();

    public static IEnumerable<Hit> Hits(string source, IReadOnlySet<string> names)
    {
        var scan = new SourceScan(source);
        scan.Code(0, hole: false);
        var lineStarts = new List<int> { 0 };
        for (var i = 0; i < source.Length; i++) if (source[i] == '\n') lineStarts.Add(i + 1);
        int LineOf(int offset)
        {
            var k = lineStarts.BinarySearch(offset);
            return k >= 0 ? k + 1 : ~k;
        }

        var hits = scan._literals.Where(l => names.Contains(l.Text)).Select(l => (l.Offset, new Hit(0, l.Text, "string literal")))
            .Concat(StatesMember().Matches(new string(scan._code)).Where(m => names.Contains(m.Groups["member"].Value))
                .Select(m => (m.Index, new Hit(0, m.Groups["member"].Value, $"member {m.Groups["class"].Value}.{m.Groups["member"].Value}"))));
        return hits.OrderBy(h => h.Item1).Select(h => h.Item2 with { Line = LineOf(h.Item1) }).ToList();
    }

    private char At(int i) => i < _s.Length ? _s[i] : '\0';

    private int Blank(int from, int to)
    {
        to = Math.Min(to, _s.Length);
        for (var i = from; i < to; i++) if (_code[i] != '\n') _code[i] = ' ';
        return to;
    }

    /// <summary>Code up to the end, or (in an interpolation hole) up to its closing brace, whose index is returned.</summary>
    private int Code(int i, bool hole)
    {
        var depth = 0;
        while (i < _s.Length)
        {
            var c = _s[i];
            if (c == '/' && At(i + 1) == '/')
            {
                var end = _s.IndexOf('\n', i);
                i = Blank(i, end < 0 ? _s.Length : end);
            }
            else if (c == '/' && At(i + 1) == '*')
            {
                var end = _s.IndexOf("*/", i + 2, StringComparison.Ordinal);
                i = Blank(i, end < 0 ? _s.Length : end + 2);
            }
            else if (c == '\'')
            {
                var j = i + 1;
                if (At(j) == '\\') j += 2;
                while (j < _s.Length && _s[j] != '\'' && _s[j] != '\n') j++;
                i = Blank(i, j + 1);
            }
            else if (c == '"' || (c is '$' or '@' && StringAhead(i)))
            {
                i = String(i);
            }
            else
            {
                if (hole && c == '{') depth++;
                if (hole && c == '}' && depth-- == 0) return i;
                i++;
            }
        }

        return i;
    }

    private bool StringAhead(int i)
    {
        if (i > 0 && (char.IsLetterOrDigit(_s[i - 1]) || _s[i - 1] == '_')) return false;
        while (At(i) is '$' or '@') i++;
        return At(i) == '"';
    }

    private int String(int start)
    {
        var i = start;
        var interpolated = false;
        var verbatim = false;
        while (_s[i] is '$' or '@')
        {
            interpolated |= _s[i] == '$';
            verbatim |= _s[i] == '@';
            i++;
        }

        var quotes = 0;
        while (At(i + quotes) == '"') quotes++;
        if (!verbatim && quotes >= 3)
        {
            // Raw string literal: up to the same run of quotes; holes of an interpolated one are left in the text.
            var fence = new string('"', quotes);
            var end = _s.IndexOf(fence, i + quotes, StringComparison.Ordinal);
            end = end < 0 ? _s.Length : end;
            var text = _s[(i + quotes)..end];
            var lines = text.Split('\n').Select(l => l.Trim()).Where(l => l.Length > 0).ToList();
            _literals.Add((i, lines.Count == 1 ? lines[0] : text));
            return Blank(start, end + quotes);
        }

        Blank(start, i + 1);
        var j = i + 1;
        var segment = new StringBuilder();
        var segmentAt = j;
        void Flush()
        {
            if (segment.Length > 0) _literals.Add((segmentAt, segment.ToString()));
            segment.Clear();
        }

        while (j < _s.Length)
        {
            var c = _s[j];
            if (!verbatim && c == '\\')
            {
                segment.Append(c).Append(At(j + 1));
                j = Blank(j, j + 2);
            }
            else if (verbatim && c == '"' && At(j + 1) == '"')
            {
                segment.Append('"');
                j = Blank(j, j + 2);
            }
            else if (c == '"')
            {
                Flush();
                return Blank(j, j + 1);
            }
            else if (interpolated && c is '{' or '}' && At(j + 1) == c)
            {
                segment.Append(c);
                j = Blank(j, j + 2);
            }
            else if (interpolated && c == '{')
            {
                Flush();
                Blank(j, j + 1);
                var close = Code(j + 1, hole: true);
                j = Blank(close, close + 1);
                segmentAt = j;
            }
            else if (!verbatim && c == '\n')
            {
                Flush();
                return j;
            }
            else
            {
                segment.Append(c);
                j = Blank(j, j + 1);
            }
        }

        Flush();
        return j;
    }
}
