using Tongban.Workflows.Cases;
using Tongban.Workflows.Definitions;

namespace Tongban.UseCases.Bureau;

/// <summary>Who may ask the bureau's questions.</summary>
public static class BureauAccess
{
    public static bool Allows(Actor actor) => actor.Posts.Any(p => p.Role == PostRole.BureauSupervisor);
}
