using System.Text;

namespace Tongban.Integration.Tests.Security.Suite;

/// <summary>Per class of attack: inputs tried, refused correctly, wrong, half-written; written to .tmp/security-figures.md and the test output.</summary>
public static class SecurityFigures
{
    private static readonly Lock Gate = new();
    private static readonly SortedDictionary<string, List<Row>> Tables = new(StringComparer.Ordinal);

    public sealed record Row(string Probe, int Tried, int RefusedCorrectly, int Wrong, int HalfWritten, string Note = "");

    public static string Record(string @class, IEnumerable<Row> rows)
    {
        lock (Gate)
        {
            Tables[@class] = [.. rows];
            var text = Render();
            var path = Path.Combine(Tongban.Testing.RepoPaths.Root, ".tmp", "security-figures.md");
            Directory.CreateDirectory(Path.GetDirectoryName(path)!);
            File.WriteAllText(path, text);
            return Render(@class);
        }
    }

    private static string Render() => string.Join("\n", Tables.Keys.Select(Render));

    private static string Render(string @class)
    {
        var text = new StringBuilder();
        var rows = Tables[@class];
        text.AppendLine($"### {@class}\n");
        text.AppendLine("| probe | inputs tried | refused correctly | wrong | half-written | note |");
        text.AppendLine("|---|---:|---:|---:|---:|---|");
        foreach (var r in rows) text.AppendLine($"| {r.Probe} | {r.Tried} | {r.RefusedCorrectly} | {r.Wrong} | {r.HalfWritten} | {r.Note} |");
        text.AppendLine($"| **total** | **{rows.Sum(r => r.Tried)}** | **{rows.Sum(r => r.RefusedCorrectly)}** | **{rows.Sum(r => r.Wrong)}** | **{rows.Sum(r => r.HalfWritten)}** | |");
        return text.ToString();
    }
}
