using System.Text.Json;
using System.Text.Json.Nodes;
using Tongban.Workflows.Catalog;
using Tongban.Workflows.Cases;
using Tongban.Workflows.Clocks;

namespace Tongban.UseCases.Cases;

/// <summary>
/// The one reader of the journal's <c>Detail</c>: what an action carried, in words for staff. The engine writes it
/// as JSON (camelCase, enums by name) from the action's input record (<c>CaseWorkflow</c>) or an anonymous object
/// (<c>CaseWorkflow.Operations</c>), so the key names are only known by convention: when the engine's detail
/// changes shape, this is the file to change. An entry it cannot read shows without details, never fails the page.
/// </summary>
public static class JournalDetailText
{
    public static IReadOnlyList<string> Describe(CaseAction action, string? detail, ServiceItemSpec item)
    {
        if (string.IsNullOrEmpty(detail)) return [];
        JsonObject? json;
        try
        {
            json = JsonNode.Parse(detail) as JsonObject;
        }
        catch (JsonException)
        {
            return [];
        }

        return json is null ? [] : [.. Lines(action, json, item).Where(line => line is not null).Cast<string>()];
    }

    private static IEnumerable<string?> Lines(CaseAction action, JsonObject d, ServiceItemSpec item)
    {
        string MaterialName(string? code) => item.Materials.FirstOrDefault(m => m.Code == code)?.Name ?? code ?? "";

        switch (action)
        {
            // {"missing":[{"code":"ID","problem":"未提供"}]}
            case CaseAction.ReturnForCorrection:
                foreach (var m in (d["missing"] as JsonArray)?.OfType<JsonObject>() ?? [])
                {
                    yield return $"缺少/有误：{MaterialName(Text(m, "code"))} — {Text(m, "problem")}";
                }

                break;

            // {"materials":["ID","FORM"]}
            case CaseAction.Resubmit or CaseAction.SupplyMaterials:
                yield return "补交材料：" + string.Join("、", Codes(d, "materials").Select(MaterialName));
                break;

            // {"approved":true,"text":"准予"}
            case CaseAction.Decide:
                yield return Flag(d, "approved") is { } approved ? (approved ? "结果：准予" : "结果：不予") : null;
                yield return Text(d, "text") is { Length: > 0 } text ? "办理意见：" + text : null;
                break;

            // {"method":"Window"}
            case CaseAction.Deliver:
                yield return Enum.TryParse<DeliveryMethod>(Text(d, "method"), out var method) ? "交付方式：" + CaseLabels.Delivery(method) : null;
                break;

            // {"level":5}
            case CaseAction.Evaluate:
                yield return Number(d, "level") is int level and >= EvaluationLevels.Min and <= EvaluationLevels.Max ? $"评价：{level} {EvaluationLevels.Label(level)}" : null;
                break;

            // {"procedure":"Appraisal","reason":"…"}
            case CaseAction.StopClock:
                yield return Enum.TryParse<SpecialProcedure>(Text(d, "procedure"), out var procedure) ? "特别程序：" + SpecialProcedures.Label(procedure) : null;
                yield return Reason(d, "reason");
                break;

            // {"workingDays":3,"reason":"…"}
            case CaseAction.RequestExtension:
                yield return Number(d, "workingDays") is { } days ? $"延期：{days} 个工作日" : null;
                yield return Reason(d, "reason");
                break;

            // {"requestId":"…","approve":true,"note":"同意"}
            case CaseAction.DecideExtension:
                yield return Flag(d, "approve") is { } approve ? (approve ? "审批：批准" : "审批：不批准") : null;
                yield return Text(d, "note") is { Length: > 0 } note ? "审批意见：" + note : null;
                break;
        }
    }

    private static string? Reason(JsonObject d, string key) => Text(d, key) is { Length: > 0 } reason ? "理由：" + reason : null;

    private static string? Text(JsonObject d, string key) => d[key] is JsonValue v && v.TryGetValue<string>(out var s) ? s : null;

    private static bool? Flag(JsonObject d, string key) => d[key] is JsonValue v && v.TryGetValue<bool>(out var b) ? b : null;

    private static int? Number(JsonObject d, string key) => d[key] is JsonValue v && v.TryGetValue<int>(out var i) ? i : null;

    private static IEnumerable<string> Codes(JsonObject d, string key) =>
        (d[key] as JsonArray)?.OfType<JsonValue>().Select(v => v.TryGetValue<string>(out var s) ? s : null).OfType<string>() ?? [];
}
