namespace Tongban.Workflows.Runtime.Organisation;

/// <summary>A staff account. Posts are held through <see cref="Post"/>; roles here are the ones without a post.</summary>
public sealed class Staff
{
    /// <summary>The login name.</summary>
    public required string Id { get; set; }
    public required string DisplayName { get; set; }
    public required string PasswordHash { get; set; }

    /// <summary>Roles that are not posts, e.g. Auditor or Administrator (kept separate, 等保 2.0).</summary>
    public List<string> Roles { get; set; } = [];

    /// <summary>A disabled account can neither sign in nor use a token or session issued before.</summary>
    public bool Active { get; set; } = true;

    /// <summary>
    /// Issued into every token and session cookie at sign-in; a new value (logout) ends all of them. Null until the
    /// first logout, which tokens carry as the empty stamp.
    /// </summary>
    public string? SessionStamp { get; set; }

    /// <summary>Set with a first (or reset) password by an administrator: signing in with it only allows changing it.</summary>
    public bool MustChangePassword { get; set; }
}
