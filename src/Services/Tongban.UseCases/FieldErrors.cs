using Tongban.Workflows.Residents;

namespace Tongban.UseCases;

/// <summary>Collects input errors by field name while a request is validated.</summary>
public sealed class FieldErrors : Tongban.Workflows.Cases.Steps.IFieldErrors
{
    private readonly Dictionary<string, string[]> _errors = [];

    public bool Any => _errors.Count > 0;

    public IReadOnlyDictionary<string, string[]> All => _errors;

    public void Add(string field, string message) => _errors[field] = [message];

    /// <summary>
    /// A required text of at most <paramref name="max"/> characters; returns it trimmed, or null after adding the error.
    /// Control, zero-width and text-direction characters are refused (line breaks and tabs are allowed: several
    /// texts are multi-line; names, which are not, are checked by <see cref="PersonName"/>).
    /// </summary>
    public string? Required(string field, string? value, int max, string message, bool oneLine = false)
    {
        var trimmed = value?.Trim();
        if (string.IsNullOrEmpty(trimmed) || trimmed.Length > max)
        {
            Add(field, message);
            return null;
        }

        return Visible(field, trimmed, oneLine);
    }

    /// <summary>An optional text of at most <paramref name="max"/> characters (empty becomes null); same character rule as <see cref="Required"/>.</summary>
    public string? Optional(string field, string? value, int max, string message, bool oneLine = false)
    {
        var trimmed = value?.Trim();
        if (string.IsNullOrEmpty(trimmed)) return null;
        if (trimmed.Length <= max) return Visible(field, trimmed, oneLine);
        Add(field, message);
        return null;
    }

    // oneLine: codes, ids and names, where a line break is as wrong as any other control character.
    private string? Visible(string field, string text, bool oneLine)
    {
        if (!PersonName.HasHiddenCharacters(text, allowLineBreaks: !oneLine)) return text;
        Add(field, oneLine ? "不能含有换行、控制字符、零宽字符或文字方向控制符。" : "不能含有控制字符、零宽字符或文字方向控制符。");
        return null;
    }

    public Outcome<T> Outcome<T>() => new Outcome<T>.Invalid(_errors);
}
