namespace Tongban.Workflows.Runtime.Residents;

/// <summary>Configuration <c>Notices:*</c>: how milestone notices reach residents.</summary>
public sealed class NoticeOptions
{
    /// <summary><c>Local</c> (default: kept for staff to read on the notices page, the embedded demo) or <c>Sms</c>.</summary>
    public string Channel { get; set; } = NoticeChannels.Local;

    public SmsOptions Sms { get; set; } = new();

    public TimeSpan PollInterval { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>How long a relay holds a row while sending; after a crash another relay (or the restarted one) sends it then.</summary>
    public TimeSpan Lease { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>Waits between attempts; after the last one the notice is Failed.</summary>
    public string RetryIntervals { get; set; } = "00:00:05,00:00:30,00:02:00,00:10:00,01:00:00";

    public IReadOnlyList<TimeSpan> Retries => [.. RetryIntervals.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Select(t => TimeSpan.Parse(t, System.Globalization.CultureInfo.InvariantCulture))];
}

/// <summary>The county's SMS platform, reached over HTTP (<c>Notices:Sms:*</c>).</summary>
public sealed class SmsOptions
{
    /// <summary>Where notices are POSTed as JSON.</summary>
    public string? Url { get; set; }

    /// <summary>The approved SMS signature (签名), e.g. 青山县政务服务.</summary>
    public string Signature { get; set; } = "社区通办";

    /// <summary>Approved template ids per milestone (Accepted, CorrectionNeeded, Decided, ResultReady, Delivered, ExtensionApproved).</summary>
    public Dictionary<string, string> Templates { get; set; } = [];

    /// <summary>Sent as a bearer token when set (the platform's API key).</summary>
    public string? ApiKey { get; set; }

    public TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(10);
}

public static class NoticeChannels
{
    public const string Local = "Local";
    public const string Sms = "Sms";
}
