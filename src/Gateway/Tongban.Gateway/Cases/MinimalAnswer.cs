using Tongban.Workflows.Runtime.Cases;

namespace Tongban.Gateway.Cases;

/// <summary>
/// <c>Prefer: return=minimal</c> (RFC 7240) on a case step: the answer is the case's id, number, state and version
/// (the version also as ETag) instead of the full case view, which costs five more reads (journal, holders, seal
/// uses, authorisation, tasks) per step. Desks that move many cases ask for it; pages and curl get the full view.
/// </summary>
public sealed record MinimalAnswer(Guid Id, string Number, string State, int Version)
{
    /// <summary>For the OpenAPI description of every endpoint that honours it.</summary>
    public const string Description = "With the request header `Prefer: return=minimal` the answer is the case's id, number, state and version only (ETag the version; `Preference-Applied: return=minimal`) instead of the full case view.";

    public static bool IsPreferred(HttpRequest request) =>
        request.Headers.TryGetValue("Prefer", out var values)
        && values.Any(v => v is not null && v.Split(',').Any(p => p.Trim().Equals("return=minimal", StringComparison.OrdinalIgnoreCase)));

    public static MinimalAnswer Of(Case c, HttpResponse response)
    {
        response.Headers["Preference-Applied"] = "return=minimal";
        return new MinimalAnswer(c.Id, c.Number, c.State, c.Version);
    }
}
