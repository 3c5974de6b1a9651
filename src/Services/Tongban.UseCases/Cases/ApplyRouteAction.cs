using Tongban.Workflows.Cases;
using Tongban.Workflows.Runtime.Cases;
using Tongban.Workflows.Runtime.Persistence;

namespace Tongban.UseCases.Cases;

/// <summary>
/// Every step of the route after intake (转办, 签收, 受理, 退回补正, 补正, 办理, 办结, 交付, 评价, 归档), from the API or a
/// page. Reads the step's input, asks the engine, records the seal of a township decision (用章登记) in the same
/// transaction, and commits through <see cref="CaseCommit"/> (a refusal is audited as denied).
/// </summary>
public sealed class ApplyRouteAction(CaseWorkflow workflow, TongbanDbContext db, CaseCommit commit)
{
    public const int MaxMaterials = 50;
    public const int MaxProblemLength = 200;
    public const int MaxDecisionTextLength = 2000;
    public const int MaxSealLength = 100;
    public const int MaxDocumentLength = 200;

    /// <param name="ExpectedVersion">The case version the clerk saw (If-Match, or the page's hidden field); null to act on any.</param>
    public sealed record Request(Guid CaseId, CaseAction Action, int? ExpectedVersion)
    {
        /// <summary>退回补正: every missing or defective material, once.</summary>
        public IReadOnlyList<MissingMaterial>? Missing { get; init; }

        /// <summary>补正: the materials handed in with the correction.</summary>
        public IReadOnlyList<string>? Materials { get; init; }

        /// <summary>办结: approve (true) or reject (false), with the result or the reason.</summary>
        public bool? Approved { get; init; }

        public string? Text { get; init; }

        /// <summary>办结 with the township's approval seal (用章登记).</summary>
        public SealRequest? Seal { get; init; }

        /// <summary>交付: Window, Post or Home.</summary>
        public string? Method { get; init; }

        /// <summary>好差评: 1 (非常满意) … 5 (非常不满意).</summary>
        public int? Level { get; init; }
    }

    /// <summary>Which seal (e.g. 河西乡审批服务专用章) was applied to which document.</summary>
    public sealed record SealRequest(string? Seal, string? Document);

    public async Task<Outcome<Case>> HandleAsync(Request request, Actor actor, CancellationToken ct)
    {
        var errors = new FieldErrors();
        var input = ReadInput(request, errors);
        var seal = request.Action == CaseAction.Decide ? ReadSeal(request.Seal, errors) : null;
        if (errors.Any) return errors.Outcome<Case>();

        return await commit.StepAsync(async () =>
        {
            var result = await workflow.ApplyAsync(request.CaseId, request.Action, actor, input!, request.ExpectedVersion, ct);
            return result is WorkflowResult.Done done && seal is not null && RecordSeal(done, seal) is { } refusal
                ? new WorkflowResult.Refused(RefusalKind.IllegalTransition, refusal)
                : result;
        }, actor, request.CaseId, request.Action.ToString(), ct);
    }

    /// <summary>The fields each step reads; any other field sent with it is refused, naming it (the generic step endpoint takes them all).</summary>
    private static readonly Dictionary<CaseAction, string[]> FieldsOf = new()
    {
        [CaseAction.ReturnForCorrection] = ["missing"],
        [CaseAction.Resubmit] = ["materials"],
        [CaseAction.Decide] = ["approved", "text", "seal"],
        [CaseAction.Deliver] = ["method"],
        [CaseAction.Evaluate] = ["level"],
    };

    private static ActionInput? ReadInput(Request r, FieldErrors errors)
    {
        var own = FieldsOf.GetValueOrDefault(r.Action) ?? [];
        foreach (var (field, present) in new[] { ("missing", r.Missing is not null), ("materials", r.Materials is not null), ("approved", r.Approved is not null), ("text", r.Text is not null), ("seal", r.Seal is not null), ("method", r.Method is not null), ("level", r.Level is not null) })
        {
            if (present && !own.Contains(field)) errors.Add(field, $"「{ActionLabels.Of(r.Action)}」不需要此项。");
        }

        // Bounds hold for every field sent, whichever step it is sent with.
        if (r.Missing is { Count: > MaxMaterials }) errors.Add("missing", $"补正材料最多列出 {MaxMaterials} 项。");
        foreach (var (m, i) in (r.Missing ?? []).Select((m, i) => (m, i)))
        {
            if (errors.Optional($"missing[{i}].code", m?.Code, Intake.OpenCase.MaxMaterialCodeLength, $"材料代码不超过{Intake.OpenCase.MaxMaterialCodeLength}个字符。") is { } code && code.AsSpan().ContainsAny('\r', '\n'))
            {
                errors.Add($"missing[{i}].code", "材料代码不能换行。");
            }

            errors.Optional($"missing[{i}].problem", m?.Problem, MaxProblemLength, $"问题说明不超过{MaxProblemLength}字。");
        }

        switch (r.Action)
        {
            case CaseAction.ReturnForCorrection:
                return new ActionInput.ReturnForCorrection([.. (r.Missing ?? []).Select(m => m is null ? null! : m with { Problem = m.Problem?.Trim() ?? "" })]);
            case CaseAction.Resubmit:
                if (r.Materials is { Count: > MaxMaterials }) errors.Add("materials", $"材料最多 {MaxMaterials} 项。");
                return new ActionInput.Resubmit(r.Materials ?? []);
            case CaseAction.Decide:
                if (r.Approved is null) errors.Add("approved", "请选择办理结果：准予或不予。");
                var text = errors.Optional("text", r.Text, MaxDecisionTextLength, $"办理结果或理由不超过{MaxDecisionTextLength}字。");
                return new ActionInput.Decide(r.Approved ?? false, text ?? "");
            case CaseAction.Deliver:
                if (Enum.TryParse<DeliveryMethod>(r.Method, ignoreCase: false, out var method) && Enum.IsDefined(method) && !int.TryParse(r.Method, out _))
                {
                    return new ActionInput.Deliver(method);
                }

                errors.Add("method", "请选择交付方式：Window（窗口领取）、Post（邮寄）或 Home（送达上门）。");
                return null;
            case CaseAction.Evaluate:
                if (r.Level is { } level) return new ActionInput.Evaluate(level);
                errors.Add("level", "请选择群众的评价等级：1（非常满意）至 5（非常不满意）。");
                return null;
            default:
                return ActionInput.None.Instance;
        }
    }

    private static SealRequest? ReadSeal(SealRequest? seal, FieldErrors errors)
    {
        if (seal is null) return null;
        var name = errors.Required("seal.seal", seal.Seal, MaxSealLength, $"请填写所用印章名称（不超过{MaxSealLength}字）。", oneLine: true);
        var document = errors.Required("seal.document", seal.Document, MaxDocumentLength, $"请填写用印文书（不超过{MaxDocumentLength}字）。", oneLine: true);
        return name is null || document is null ? null : new SealRequest(name, document);
    }

    /// <summary>用章登记, staged with the decision; only the registration township's decision uses its approval seal.</summary>
    private string? RecordSeal(WorkflowResult.Done done, SealRequest seal)
    {
        if (done.Entry.JurisdictionId != done.Case.RegistrationTownshipId) return "只有户籍乡镇的办结使用审批服务专用章。";
        db.SealUses.Add(new SealUse
        {
            Id = Guid.CreateVersion7(done.Entry.At), CaseId = done.Case.Id, JurisdictionId = done.Entry.JurisdictionId,
            Seal = seal.Seal!, Document = seal.Document!, UsedBy = done.Entry.ActorId, UsedAt = done.Entry.At,
        });
        return null;
    }
}
