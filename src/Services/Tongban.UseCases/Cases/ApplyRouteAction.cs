using Tongban.Workflows.Cases;
using Tongban.Workflows.Cases.Steps;
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
    // The bounds are the step kinds' (Cases/Steps); here for the OpenAPI document and the pages.
    public const int MaxMaterials = ResubmitStep.MaxMaterials;
    public const int MaxMissing = ReturnForCorrectionStep.MaxMissing;
    public const int MaxProblemLength = ReturnForCorrectionStep.MaxProblemLength;
    public const int MaxDecisionTextLength = DecideStep.MaxTextLength;
    public const int MaxSealLength = DecideStep.MaxSealLength;
    public const int MaxDocumentLength = DecideStep.MaxDocumentLength;

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

    /// <summary>
    /// The step's input, read by its step kind (<see cref="StepRegistry"/>): any field the step does not read is refused,
    /// naming it (the generic step endpoint takes them all); the bounds of every field sent hold whichever step it is sent with.
    /// </summary>
    private static ActionInput? ReadInput(Request r, FieldErrors errors)
    {
        var kind = StepRegistry.Of(r.Action);
        var fields = new StepFields { Missing = r.Missing, Materials = r.Materials, Approved = r.Approved, Text = r.Text, HasSeal = r.Seal is not null, Method = r.Method, Level = r.Level };
        var own = kind?.Fields ?? [];
        foreach (var (field, sent) in fields.All)
        {
            if (sent && !own.Contains(field)) errors.Add(field, $"「{ActionLabels.Of(r.Action)}」不需要此项。");
        }

        foreach (var bounded in StepRegistry.All) bounded.CheckBounds(fields, errors);
        return kind is null ? ActionInput.None.Instance : kind.Read(fields, errors);
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
