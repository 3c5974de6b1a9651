using Tongban.Workflows.Posts;

namespace Tongban.Workflows.Requests;

/// <summary>
/// Who of a grid's grid-worker post (网格员, AB 双岗) gets a collection at home: the holder of the post on the
/// appointment's day — A when present, B when A is away (then the named cover, then the unit head), by the same
/// rule as every post (<see cref="PostHolding.Now"/>). Pure: the absences are passed in.
/// </summary>
public static class GridWorkerChoice
{
    public static Holding For(PostHolders gridPost, IReadOnlyList<Absence> absences, DateOnly appointmentDay)
    {
        ArgumentNullException.ThrowIfNull(gridPost);
        ArgumentNullException.ThrowIfNull(absences);
        return PostHolding.Now(gridPost, absences, appointmentDay);
    }
}
