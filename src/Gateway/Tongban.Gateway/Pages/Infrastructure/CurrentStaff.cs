using System.Security.Claims;
using Tongban.Gateway.Auth;
using Tongban.Workflows.Cases;
using Tongban.Workflows.Definitions;

namespace Tongban.Gateway.Pages.Infrastructure;

/// <summary>The signed-in staff member as the pages see them: the engine's <see cref="Actor"/> plus names for display.</summary>
public sealed class CurrentStaff(StaffActors actors, OrgDirectory directory, IHttpContextAccessor http)
{
    private Actor? _actor;
    private OrgDirectory.Snapshot? _org;

    public bool IsSignedIn => http.HttpContext?.User.Identity?.IsAuthenticated == true;

    public string Id => http.HttpContext!.User.FindFirstValue(ClaimTypes.NameIdentifier) ?? "";

    public string DisplayName => http.HttpContext!.User.FindFirstValue(ClaimTypes.Name) ?? Id;

    /// <summary>Loaded by <see cref="StaffPage"/> before any handler runs.</summary>
    public Actor Actor => _actor ?? throw new InvalidOperationException("CurrentStaff is not loaded.");

    public OrgDirectory.Snapshot Org => _org ?? throw new InvalidOperationException("CurrentStaff is not loaded.");

    /// <summary>Names are loaded (every page); <see cref="Actor"/> too when someone is signed in.</summary>
    public bool IsLoaded => _org is not null;

    public bool HasActor => _actor is not null;

    public async Task LoadAsync(CancellationToken ct)
    {
        _org ??= await directory.GetAsync(ct);
        if (IsSignedIn) _actor ??= await actors.CurrentAsync(ct);
    }

    public bool Holds(PostRole role) => _actor?.Posts.Any(p => p.Role == role) == true;

    public IEnumerable<PostAssignment> PostsOf(PostRole role) => _actor?.Posts.Where(p => p.Role == role) ?? [];

    /// <summary>"东门社区综合窗口（B岗）" for each post held.</summary>
    public IEnumerable<string> PostLabels => (_actor?.Posts ?? []).Select(p => Org.PostName(p.PostId) + p switch
    {
        { OnlyEscalated: true } => "（B岗·仅转B件）",
        { ActingForId: { } a } => $"（代{Org.StaffName(a)}）",
        _ => "",
    });
}
