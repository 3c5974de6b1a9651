using Tongban.Workflows.Catalog;

namespace Tongban.Workflows.Cases;

/// <summary>
/// What a staff action carries. Validation is pure and names the offending field, so the API can answer
/// with a ProblemDetails that points at it.
/// </summary>
public abstract record ActionInput
{
    public virtual IReadOnlyDictionary<string, string[]> Validate(ServiceItemSpec item) => NoErrors;

    protected static readonly IReadOnlyDictionary<string, string[]> NoErrors = new Dictionary<string, string[]>();

    /// <summary>Actions that carry nothing: forward, sign for, accept, handle, archive, receive.</summary>
    public sealed record None : ActionInput
    {
        public static readonly None Instance = new();
    }

    /// <summary>退回补正: every missing or defective material, listed once and completely (一次性告知).</summary>
    public sealed record ReturnForCorrection(IReadOnlyList<MissingMaterial> Missing) : ActionInput
    {
        public override IReadOnlyDictionary<string, string[]> Validate(ServiceItemSpec item)
        {
            var errors = new Dictionary<string, string[]>();
            if (Missing is null || Missing.Count == 0)
            {
                errors["missing"] = ["退回补正须一次性列明全部缺少或有误的材料。"];
                return errors;
            }

            for (var i = 0; i < Missing.Count; i++)
            {
                if (Missing[i] is null)
                {
                    errors[$"missing[{i}]"] = ["请填写材料代码和问题。"];
                    continue;
                }

                if (item.Materials.All(m => m.Code != Missing[i].Code)) errors[$"missing[{i}].code"] = [$"材料代码「{Missing[i].Code}」不在该事项的材料清单中。"];
                if (string.IsNullOrWhiteSpace(Missing[i].Problem)) errors[$"missing[{i}].problem"] = ["请说明该材料的问题（缺少、过期、不清晰等）。"];
            }

            if (Missing.Where(m => m is not null).GroupBy(m => m.Code).Any(g => g.Count() > 1)) errors["missing"] = ["同一材料只应列出一次。"];
            return errors;
        }
    }

    /// <summary>补正: the materials handed in with the correction.</summary>
    public sealed record Resubmit(IReadOnlyList<string> Materials) : ActionInput
    {
        public override IReadOnlyDictionary<string, string[]> Validate(ServiceItemSpec item) => MaterialCodes.Check("materials", Materials, item, requireAny: true);
    }

    /// <summary>办结: approve with a result, or reject with a reason.</summary>
    public sealed record Decide(bool Approved, string Text) : ActionInput
    {
        public override IReadOnlyDictionary<string, string[]> Validate(ServiceItemSpec item) =>
            string.IsNullOrWhiteSpace(Text)
                ? new Dictionary<string, string[]> { ["text"] = [Approved ? "请填写办理结果。" : "不予办理须说明理由。"] }
                : NoErrors;
    }

    public sealed record Deliver(DeliveryMethod Method) : ActionInput
    {
        public override IReadOnlyDictionary<string, string[]> Validate(ServiceItemSpec item) =>
            Enum.IsDefined(Method) ? NoErrors : new Dictionary<string, string[]> { ["method"] = ["交付方式应为 Window、Post 或 Home。"] };
    }

    public sealed record Evaluate(int Level) : ActionInput
    {
        public override IReadOnlyDictionary<string, string[]> Validate(ServiceItemSpec item) =>
            Level is >= EvaluationLevels.Min and <= EvaluationLevels.Max
                ? NoErrors
                : new Dictionary<string, string[]> { ["level"] = ["评价等级应为 1（非常满意）至 5（非常不满意）。"] };
    }
}

/// <summary>出具意见: an assisting unit agrees or not, and says why (并联办理).</summary>
public sealed record OpinionInput(bool Agrees, string Text) : ActionInput
{
    public const int TextMaxLength = 500;

    public override IReadOnlyDictionary<string, string[]> Validate(ServiceItemSpec item) =>
        string.IsNullOrWhiteSpace(Text) ? new Dictionary<string, string[]> { ["text"] = ["请填写意见。"] }
        : Text.Length > TextMaxLength ? new Dictionary<string, string[]> { ["text"] = [$"意见不超过 {TextMaxLength} 字。"] }
        : NoErrors;
}

/// <summary>Checks a list of material codes against an item's material list.</summary>
public static class MaterialCodes
{
    /// <summary>The longest material code a request may carry (intake, correction).</summary>
    public const int MaxLength = 40;

    public static Dictionary<string, string[]> Check(string field, IReadOnlyList<string>? codes, ServiceItemSpec item, bool requireAny)
    {
        var errors = new Dictionary<string, string[]>();
        if (codes is null || (requireAny && codes.Count == 0))
        {
            errors[field] = ["请勾选收到的材料。"];
            return errors;
        }

        for (var i = 0; i < codes.Count; i++)
        {
            if (item.Materials.All(m => m.Code != codes[i])) errors[$"{field}[{i}]"] = [$"材料代码「{codes[i]}」不在该事项的材料清单中。"];
        }

        return errors;
    }
}
