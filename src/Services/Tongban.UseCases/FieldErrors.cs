namespace Tongban.UseCases;

/// <summary>Collects input errors by field name while a request is validated.</summary>
public sealed class FieldErrors
{
    private readonly Dictionary<string, string[]> _errors = [];

    public bool Any => _errors.Count > 0;

    public IReadOnlyDictionary<string, string[]> All => _errors;

    public void Add(string field, string message) => _errors[field] = [message];

    /// <summary>A required text of at most <paramref name="max"/> characters; returns it trimmed, or null after adding the error.</summary>
    public string? Required(string field, string? value, int max, string message)
    {
        var trimmed = value?.Trim();
        if (string.IsNullOrEmpty(trimmed) || trimmed.Length > max)
        {
            Add(field, message);
            return null;
        }

        return trimmed;
    }

    /// <summary>An optional text of at most <paramref name="max"/> characters (empty becomes null).</summary>
    public string? Optional(string field, string? value, int max, string message)
    {
        var trimmed = value?.Trim();
        if (string.IsNullOrEmpty(trimmed)) return null;
        if (trimmed.Length <= max) return trimmed;
        Add(field, message);
        return null;
    }

    public Outcome<T> Outcome<T>() => new Outcome<T>.Invalid(_errors);
}
