namespace Tongban.Gateway.DeadLetters;

public static class DeadLetterEndpoints
{
    /// <summary>异常消息: hand-offs that failed after every retry, for the bureau and the administrator to see and replay.</summary>
    public static RouteGroupBuilder MapDeadLetters(this RouteGroupBuilder api)
    {
        api.MapListDeadLetters();
        api.MapReplayDeadLetter();
        return api;
    }
}
