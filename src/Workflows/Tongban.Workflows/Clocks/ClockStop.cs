namespace Tongban.Workflows.Clocks;

/// <summary>
/// Why a case's overall clock is stopped (中止计时): the applicant is correcting materials (补正), or a special
/// procedure runs. Stored as its Chinese label, the text the column held before this type existed.
/// </summary>
public enum ClockStop
{
    /// <summary>补正: waiting for the applicant's corrected materials; resumes (or restarts, per item) with the resubmission.</summary>
    Correction,

    /// <summary>听证.</summary>
    Hearing,

    /// <summary>检验.</summary>
    Inspection,

    /// <summary>检测.</summary>
    Testing,

    /// <summary>鉴定.</summary>
    Appraisal,

    /// <summary>专家评审.</summary>
    ExpertReview,

    /// <summary>现场勘验.</summary>
    SiteSurvey,
}

public static class ClockStops
{
    private static readonly ClockStop[] All = Enum.GetValues<ClockStop>();

    public static ClockStop For(SpecialProcedure procedure) => procedure switch
    {
        SpecialProcedure.Hearing => ClockStop.Hearing,
        SpecialProcedure.Inspection => ClockStop.Inspection,
        SpecialProcedure.Testing => ClockStop.Testing,
        SpecialProcedure.Appraisal => ClockStop.Appraisal,
        SpecialProcedure.ExpertReview => ClockStop.ExpertReview,
        SpecialProcedure.SiteSurvey => ClockStop.SiteSurvey,
        _ => throw new ArgumentOutOfRangeException(nameof(procedure), procedure, null),
    };

    /// <summary>A special procedure is ended by staff (恢复计时); a correction only by the resubmission.</summary>
    public static bool IsSpecialProcedure(this ClockStop stop) => stop != ClockStop.Correction;

    public static string Label(ClockStop stop) => stop switch
    {
        ClockStop.Correction => "补正",
        ClockStop.Hearing => SpecialProcedures.Label(SpecialProcedure.Hearing),
        ClockStop.Inspection => SpecialProcedures.Label(SpecialProcedure.Inspection),
        ClockStop.Testing => SpecialProcedures.Label(SpecialProcedure.Testing),
        ClockStop.Appraisal => SpecialProcedures.Label(SpecialProcedure.Appraisal),
        ClockStop.ExpertReview => SpecialProcedures.Label(SpecialProcedure.ExpertReview),
        ClockStop.SiteSurvey => SpecialProcedures.Label(SpecialProcedure.SiteSurvey),
        _ => stop.ToString(),
    };

    /// <summary>The stop a stored label names (the inverse of <see cref="Label"/>).</summary>
    public static ClockStop FromLabel(string label) =>
        All.Any(s => Label(s) == label) ? All.First(s => Label(s) == label) : throw new FormatException($"Unknown clock stop '{label}'.");
}
