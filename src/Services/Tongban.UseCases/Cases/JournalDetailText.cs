using System.Text.Json;
using Tongban.Workflows.Catalog;
using Tongban.Workflows.Cases;
using Tongban.Workflows.Clocks;

namespace Tongban.UseCases.Cases;

/// <summary>
/// What a journal entry's detail says, in words for staff. The detail is read as the typed record the engine wrote
/// (<see cref="JournalDetails"/>); an entry it cannot read shows without details, never fails the page.
/// </summary>
public static class JournalDetailText
{
    public static IReadOnlyList<string> Describe(CaseAction action, string? detail, ServiceItemSpec item)
    {
        JournalDetail? typed;
        try
        {
            typed = JournalDetails.Read(action, detail);
        }
        catch (JsonException)
        {
            return [];
        }

        return typed is null ? [] : [.. Lines(typed, item).OfType<string>()];
    }

    private static IEnumerable<string?> Lines(JournalDetail detail, ServiceItemSpec item)
    {
        string MaterialName(string? code) => item.Materials.FirstOrDefault(m => m.Code == code)?.Name ?? code ?? "";

        switch (detail)
        {
            case CorrectionListDetail d:
                foreach (var m in d.Missing ?? [])
                {
                    if (m is not null) yield return $"缺少/有误：{MaterialName(m.Code)} — {m.Problem}";
                }

                break;
            case MaterialsSuppliedDetail d:
                yield return "补交材料：" + string.Join("、", (d.Materials ?? []).Select(MaterialName));
                break;
            case DecisionDetail d:
                yield return d.Approved ? "结果：准予" : "结果：不予";
                yield return d.Text is { Length: > 0 } text ? "办理意见：" + text : null;
                break;
            case DeliveryDetail d:
                yield return Enum.IsDefined(d.Method) ? "交付方式：" + CaseLabels.Delivery(d.Method) : null;
                break;
            case EvaluationDetail d:
                yield return d.Level is >= EvaluationLevels.Min and <= EvaluationLevels.Max ? $"评价：{d.Level} {EvaluationLevels.Label(d.Level)}" : null;
                break;
            case ClockStoppedDetail d:
                yield return Enum.IsDefined(d.Procedure) ? "特别程序：" + SpecialProcedures.Label(d.Procedure) : null;
                yield return Reason(d.Reason);
                break;
            case ExtensionRequestedDetail d:
                yield return $"延期：{d.WorkingDays} 个工作日";
                yield return Reason(d.Reason);
                break;
            case ExtensionDecidedDetail d:
                yield return d.Approve ? "审批：批准" : "审批：不批准";
                yield return d.Note is { Length: > 0 } note ? "审批意见：" + note : null;
                break;
        }
    }

    private static string? Reason(string? reason) => reason is { Length: > 0 } ? "理由：" + reason : null;
}
