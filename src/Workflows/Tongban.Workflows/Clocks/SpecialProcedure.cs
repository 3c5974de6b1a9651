namespace Tongban.Workflows.Clocks;

/// <summary>Special procedures whose time does not count towards the limit (the applicant is told).</summary>
public enum SpecialProcedure
{
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

public static class SpecialProcedures
{
    public static string Label(SpecialProcedure procedure) => procedure switch
    {
        SpecialProcedure.Hearing => "听证",
        SpecialProcedure.Inspection => "检验",
        SpecialProcedure.Testing => "检测",
        SpecialProcedure.Appraisal => "鉴定",
        SpecialProcedure.ExpertReview => "专家评审",
        SpecialProcedure.SiteSurvey => "现场勘验",
        _ => procedure.ToString(),
    };
}
