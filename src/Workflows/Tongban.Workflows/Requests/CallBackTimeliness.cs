namespace Tongban.Workflows.Requests;

/// <summary>How an online request stands against its call-back limit (the bureau's 按时回电 count).</summary>
public enum CallBackStanding
{
    /// <summary>Called back by the limit (the limit's own instant counts as in time).</summary>
    OnTime,

    /// <summary>Called back, but after the limit.</summary>
    Late,

    /// <summary>Not called back, and the limit has passed.</summary>
    OpenPastLimit,

    /// <summary>Not called back yet, and still within the limit.</summary>
    OpenWithinLimit,
}

/// <summary>Whether a request was called back within its limit, as of <c>now</c>. Pure.</summary>
public static class CallBackTimeliness
{
    public static CallBackStanding Of(DateTimeOffset dueAt, DateTimeOffset? calledBackAt, DateTimeOffset now) => calledBackAt switch
    {
        { } at when at <= dueAt => CallBackStanding.OnTime,
        not null => CallBackStanding.Late,
        null when now > dueAt => CallBackStanding.OpenPastLimit,
        null => CallBackStanding.OpenWithinLimit,
    };
}
