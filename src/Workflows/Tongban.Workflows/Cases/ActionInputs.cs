namespace Tongban.Workflows.Cases;

/// <summary>A material listed in a correction notice, with what is wrong with it.</summary>
public sealed record MissingMaterial(string Code, string Problem);

/// <summary>How a result reaches the resident (结果交付).</summary>
public enum DeliveryMethod
{
    Window,
    Post,
    Home,
}

/// <summary>好差评: 1 非常满意 … 5 非常不满意; 4 and 5 are bad reviews.</summary>
public static class EvaluationLevels
{
    public const int Min = 1;
    public const int Max = 5;

    public static string Label(int level) => level switch
    {
        1 => "非常满意",
        2 => "满意",
        3 => "基本满意",
        4 => "不满意",
        5 => "非常不满意",
        _ => throw new ArgumentOutOfRangeException(nameof(level)),
    };

    public static bool IsBadReview(int level) => level is 4 or 5;
}
