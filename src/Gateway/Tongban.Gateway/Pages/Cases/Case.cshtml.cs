using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Tongban.Gateway.Auth;
using Tongban.Gateway.Cases;
using Tongban.Gateway.Pages.Infrastructure;
using Tongban.UseCases;
using Tongban.UseCases.Cases;
using Tongban.UseCases.TimeLimits;
using Tongban.Workflows.Calendars;
using Tongban.Workflows.Cases;
using Tongban.Workflows.Clocks;
using Tongban.Workflows.Posts;
using Tongban.Workflows.Runtime.Cases;
using Tongban.Workflows.Runtime.Catalog;
using Tongban.Workflows.Runtime.Clocks;
using Tongban.Workflows.Runtime.Persistence;

namespace Tongban.Gateway.Pages.Cases;

/// <summary>
/// One case: timeline across jurisdictions, documents checklist, first-contact person, current holder, and the
/// actions this person may take now, each a form posting to a handler that calls <see cref="CaseWorkflow"/>.
/// Staff see cases of their own jurisdictions only (the API's rule); the bureau sees the county.
/// </summary>
public sealed class CaseModel(TongbanDbContext db, ItemVersionCache items, CountyClock clock, CalendarProvider calendars) : StaffPage
{
    public sealed record TimelineEntry(
        int Sequence, string ActionLabel, string FromLabel, string ToLabel, string Actor, bool IsSystem, string Post, string Jurisdiction,
        DateTimeOffset At, string StayedIn, TimeSpan Stayed, bool IsCurrent, StageSpan? Stage, IReadOnlyList<string> Details, string? ActingFor);

    /// <summary>A stage (专员审核, 签收, 受理, 办理) from the entry that began it: how long it took against its limit.</summary>
    public sealed record StageSpan(string Label, int? LimitDays, DateTimeOffset? DueAt, TimeSpan Took, bool Running, bool Late);

    public sealed record MaterialLine(string Code, string Name, bool Essential, bool HandedIn, string? Problem);

    public CountyClock Clock => clock;

    public Case Case { get; private set; } = null!;

    public LoadedItemVersion Item { get; private set; } = null!;

    /// <summary>The API's view of the case: channel, authorisation, holders (首问负责), clocks.</summary>
    public CaseView View { get; private set; } = null!;

    public string StateLabel { get; private set; } = "";

    public bool InTransit { get; private set; }

    public bool IsFinal { get; private set; }

    public IReadOnlyList<CaseAction> Allowed { get; private set; } = [];

    public IReadOnlyList<TimelineEntry> Timeline { get; private set; } = [];

    public IReadOnlyList<MaterialLine> Materials { get; private set; } = [];

    public Urgency Urgency { get; private set; } = Urgency.None;

    /// <summary>Working days left on the overall period (counting today), when it is running.</summary>
    public int? RemainingWorkingDays { get; private set; }

    public string IdNumberShown { get; private set; } = "";

    public string PhoneShown { get; private set; } = "";

    public bool Revealed { get; private set; }

    /// <summary>This person holds the case's current post now (AB rules), so the clock operations are theirs.</summary>
    public bool HoldsCase { get; private set; }

    /// <summary>This person is a window clerk of the intake community (supplies 容缺 materials).</summary>
    public bool AtIntakeWindow { get; private set; }

    public ExtensionRequest? PendingExtension { get; private set; }

    public string? StopReasonText { get; private set; }

    public string? ExtensionReasonText { get; private set; }

    /// <summary>The engine's answer to the last action, shown above the forms.</summary>
    public string? ActionError { get; private set; }

    public string? ActionErrorTitle { get; private set; }

    public Dictionary<string, string> FieldErrors { get; } = [];

    // What the person typed, kept when a form comes back with errors.
    public HashSet<string> MissingTicked { get; private set; } = [];
    public Dictionary<string, string> Problems { get; private set; } = [];
    public bool? DecideApproved { get; private set; }
    public string? DecideText { get; private set; }
    public string? SealName { get; private set; }
    public string? SealDocument { get; private set; }
    public string? RevealReason { get; private set; }

    public async Task<IActionResult> OnGetAsync(Guid id, CancellationToken ct) => await LoadAsync(id, ct) ?? Page();

    public Task<IActionResult> OnPostActAsync(Guid id, CaseAction action, int version, CancellationToken ct) =>
        CaseActionsFor.IsOneClick(action)
            ? ApplyAsync(new(id, action, version), ct)
            : Task.FromResult<IActionResult>(BadRequest());

    public Task<IActionResult> OnPostReturnAsync(Guid id, int version, List<string>? missing, Dictionary<string, string>? problems, CancellationToken ct)
    {
        MissingTicked = [.. missing ?? []];
        Problems = problems ?? [];
        var list = MissingTicked.Select(code => new MissingMaterial(code, Problems.GetValueOrDefault(code) ?? "")).ToList();
        return ApplyAsync(new(id, CaseAction.ReturnForCorrection, version) { Missing = list }, ct, engineErrors =>
        {
            foreach (var (key, messages) in engineErrors)
            {
                // missing[2].problem → the problem box of the third ticked material.
                var index = key.StartsWith("missing[", StringComparison.Ordinal) && int.TryParse(key.AsSpan(8, key.IndexOf(']', StringComparison.Ordinal) - 8), out var i) ? i : -1;
                FieldErrors[index >= 0 && index < list.Count ? $"problem-{list[index].Code}" : "missing"] = string.Join(" ", messages);
            }
        });
    }

    public Task<IActionResult> OnPostDecideAsync(Guid id, int version, bool? approved, string? text, string? seal, string? sealDocument, CancellationToken ct)
    {
        DecideApproved = approved;
        DecideText = text;
        SealName = seal;
        SealDocument = sealDocument;
        var sealUsed = !string.IsNullOrWhiteSpace(seal) || !string.IsNullOrWhiteSpace(sealDocument);
        return ApplyAsync(new(id, CaseAction.Decide, version) { Approved = approved, Text = text, Seal = sealUsed ? new(seal, sealDocument) : null }, ct);
    }

    public Task<IActionResult> OnPostResubmitAsync(Guid id, int version, List<string>? materials, CancellationToken ct)
    {
        MissingTicked = [.. materials ?? []];
        return ApplyAsync(new(id, CaseAction.Resubmit, version) { Materials = [.. MissingTicked] }, ct, errors => FieldErrors["materials"] = string.Join(" ", errors.Values.SelectMany(v => v)));
    }

    public Task<IActionResult> OnPostDeliverAsync(Guid id, int version, string? method, CancellationToken ct) =>
        ApplyAsync(new(id, CaseAction.Deliver, version) { Method = method }, ct);

    public Task<IActionResult> OnPostEvaluateAsync(Guid id, int version, int? level, CancellationToken ct) =>
        ApplyAsync(new(id, CaseAction.Evaluate, version) { Level = level }, ct);

    /// <summary>容缺受理: the window hands in promised materials.</summary>
    public async Task<IActionResult> OnPostSupplyAsync(Guid id, List<string>? supplied, [FromServices] SupplyDeferredMaterials useCase, CancellationToken ct) =>
        await ShowAsync(id, "容缺材料补交", await useCase.HandleAsync(new(id, supplied), Me.Actor, ct), "容缺材料已补收。", ct);

    /// <summary>中止计时 for a special procedure (听证、检验、检测、鉴定、专家评审、现场勘验); the applicant side is told.</summary>
    public async Task<IActionResult> OnPostStopClockAsync(Guid id, string? procedure, string? reason, [FromServices] StopClock useCase, CancellationToken ct)
    {
        StopReasonText = reason;
        var outcome = await useCase.HandleAsync(new(id, procedure, reason), Me.Actor, ct);
        var label = Enum.TryParse<SpecialProcedure>(procedure, out var p) ? SpecialProcedures.Label(p) : "";
        return await ShowAsync(id, "中止计时", outcome, $"已因{label}中止计时，已通知受理窗口告知申请人。", ct, errors => MapFieldErrors(errors, ("reason", "stop-reason")));
    }

    public async Task<IActionResult> OnPostResumeClockAsync(Guid id, [FromServices] ResumeClock useCase, CancellationToken ct) =>
        await ShowAsync(id, "恢复计时", await useCase.HandleAsync(new(id), Me.Actor, ct), "已恢复计时。", ct);

    /// <summary>延期申请 with the reason the applicant will be told; the unit head decides.</summary>
    public async Task<IActionResult> OnPostExtensionAsync(Guid id, int? days, string? reason, [FromServices] RequestExtension useCase, CancellationToken ct)
    {
        ExtensionReasonText = reason;
        var outcome = await useCase.HandleAsync(new(id, days, reason), Me.Actor, ct);
        return await ShowAsync(id, "延期申请", outcome, "延期申请已提交，等待单位负责人审批。", ct, errors => MapFieldErrors(errors, ("workingDays", "extension-days"), ("reason", "extension-reason")));
    }

    /// <summary>Full ID number and phone, only with a stated reason, and audited.</summary>
    public async Task<IActionResult> OnPostRevealAsync(Guid id, string? reason, CancellationToken ct)
    {
        RevealReason = reason?.Trim();
        if (await LoadAsync(id, ct) is { } refused) return refused;
        if (string.IsNullOrEmpty(RevealReason) || RevealReason.Length < 4)
        {
            FieldErrors["reason"] = "请填写查看完整号码的事由（至少4个字），该操作将被记录。";
            return Page();
        }

        var reasonToRecord = RevealReason.Length > 200 ? RevealReason[..200] : RevealReason;
        await PersonalDataAccess.RecordFullViewAsync(db, Me, Case, reasonToRecord, clock.Now, ct);
        Revealed = true;
        IdNumberShown = Case.ApplicantIdNumber;
        PhoneShown = Case.ApplicantPhone;
        return Page();
    }

    /// <summary>The use case's field names, renamed where this page's form uses another (e.g. reason → stop-reason).</summary>
    private void MapFieldErrors(IReadOnlyDictionary<string, string[]> errors, params (string Field, string FormField)[] renames)
    {
        foreach (var (key, messages) in errors)
        {
            var formField = renames.FirstOrDefault(r => r.Field == key).FormField ?? key;
            FieldErrors[formField] = string.Join(" ", messages);
        }
    }

    private async Task<IActionResult> ApplyAsync(ApplyRouteAction.Request request, CancellationToken ct, Action<IReadOnlyDictionary<string, string[]>>? onInvalid = null)
    {
        var useCase = HttpContext.RequestServices.GetRequiredService<ApplyRouteAction>();
        var outcome = await useCase.HandleAsync(request, Me.Actor, ct);
        var done = outcome is Outcome<Case>.Ok ok ? DoneMessage(request.Action, ok.Value) : "";
        return await ShowAsync(request.CaseId, ActionLabels.Of(request.Action), outcome, done, ct, onInvalid);
    }

    /// <summary>Done: back to the case with a message. Refused: the page again, with the reason (403, 409) or the field errors.</summary>
    private async Task<IActionResult> ShowAsync(Guid id, string label, Outcome<Case> outcome, string doneMessage, CancellationToken ct, Action<IReadOnlyDictionary<string, string[]>>? onInvalid = null)
    {
        switch (outcome)
        {
            case Outcome<Case>.Ok:
                SetFlash(doneMessage);
                return Redirect($"/cases/{id}");
            case Outcome<Case>.NotFound:
                return NotFoundPage();
            case Outcome<Case>.Invalid invalid:
                (onInvalid ?? (e => MapFieldErrors(e)))(invalid.Errors);
                ActionErrorTitle = $"「{label}」未完成";
                ActionError = "请按提示修改后再提交。";
                Response.StatusCode = StatusCodes.Status400BadRequest;
                break;
            case Outcome<Case>.Forbidden forbidden:
                ActionErrorTitle = "无权办理（403）";
                ActionError = forbidden.Reason;
                Response.StatusCode = StatusCodes.Status403Forbidden;
                break;
            case Outcome<Case>.Conflict conflict:
                ActionErrorTitle = "操作与案件当前状态冲突（409）";
                ActionError = conflict.Reason;
                Response.StatusCode = StatusCodes.Status409Conflict;
                break;
        }

        var status = Response.StatusCode;
        if (await LoadAsync(id, ct) is { } refused) return refused;
        Response.StatusCode = status;
        return Page();
    }

    private static string DoneMessage(CaseAction action, Case c) => action switch
    {
        CaseAction.Forward => "已审核并转户籍乡镇，等待乡镇签收。",
        CaseAction.SignFor => "已签收。请受理或退回补正。",
        CaseAction.Accept => "已受理。",
        CaseAction.ReturnForCorrection => "已退回补正，补正通知已一次性列明全部材料，案件移交受理窗口。",
        CaseAction.Resubmit => "补正材料已提交，案件移交户籍乡镇重新签收。",
        CaseAction.Handle => "已开始办理。",
        CaseAction.Decide => c.Approved == true ? "已办结（准予），结果回传受理窗口。" : "已办结（不予），结果回传受理窗口。",
        CaseAction.Deliver => "结果已交付群众。",
        CaseAction.Evaluate => "评价已记录。",
        CaseAction.Archive => "案件已归档。",
        _ => $"{ActionLabels.Of(action)}完成。",
    };

    /// <summary>Loads the case for display; returns a result when the person may not see it.</summary>
    private async Task<IActionResult?> LoadAsync(Guid id, CancellationToken ct)
    {
        var c = await db.Cases.AsNoTracking().SingleOrDefaultAsync(x => x.Id == id, ct);
        if (c is null) return NotFoundPage();
        if (!StaffActors.MaySee(Me.Actor, c.Location))
        {
            return Forbidden($"案件 {c.Number} 不属于您所在的辖区（{string.Join("、", Me.Actor.Posts.Select(p => Me.Org.JurisdictionName(p.JurisdictionId)).Distinct())}），您不能查看。");
        }

        Case = c;
        Item = await items.GetAsync(db, c.ItemVersionId, ct);
        var definition = Item.Definition;
        var state = c.State == CaseStates.None ? null : definition.State(c.State);
        StateLabel = state?.Label ?? "未接件";
        InTransit = state?.InTransit == true;
        IsFinal = state?.IsFinal == true;
        Allowed = CaseActionsFor.Allowed(definition, c, Me.Actor);
        HoldsCase = c.CurrentPostId is { } holderPost && PostHolding.ForCase(Me.Actor, c.EscalatedToBackup ? holderPost : null).Posts.Any(p => p.PostId == holderPost);
        AtIntakeWindow = Me.Actor.Posts.Any(p => p.Role == Workflows.Definitions.PostRole.WindowClerk && p.JurisdictionId == c.IntakeCommunityId && !p.OnlyEscalated);
        PendingExtension = await db.ExtensionRequests.AsNoTracking().Where(e => e.CaseId == c.Id && e.Status == ExtensionStatus.Pending).FirstOrDefaultAsync(ct);
        Urgency = CaseUrgency.Of(c, clock.Now);
        IdNumberShown = CaseViewMasks.Id(c.ApplicantIdNumber);
        PhoneShown = CaseViewMasks.Phone(c.ApplicantPhone);

        var missing = c.MissingMaterials.ToDictionary(m => m.Code, m => m.Problem);
        Materials = [.. Item.Spec.Materials.Select(m => new MaterialLine(m.Code, m.Name, m.Essential, c.MaterialsHandedIn.Contains(m.Code), missing.GetValueOrDefault(m.Code)))];
        if (MissingTicked.Count == 0 && Request.Method == HttpMethods.Get) MissingTicked = [.. c.MissingMaterials.Select(m => m.Code)];

        var org = Me.Org;
        var now = clock.Now;
        View = await CaseView.LoadAsync(db, items, calendars, now, c, withHistory: true, ct);
        var history = View.History ?? [];
        var calendar = await calendars.GetAsync(db, ct);
        RemainingWorkingDays = View.OverallClock.RemainingWorkingDays is { } left && c.CompletedAt is null && c.OverallDueAt is not null ? left : null;
        var end = c.CompletedAt ?? c.ClosedAt ?? now;
        Timeline =
        [
            .. history.Select((h, i) =>
            {
                var isCurrent = i == history.Count - 1;
                var until = isCurrent ? (c.ClosedAt ?? now) : history[i + 1].At;
                var toState = definition.States.FirstOrDefault(s => s.Name == h.ToState);
                var isSystem = h.ActorId.StartsWith("node:", StringComparison.Ordinal);
                return new TimelineEntry(
                    h.Sequence, h.ActionLabel, StateName(definition, h.FromState), toState?.Label ?? h.ToState,
                    isSystem ? org.StaffName(h.ActorId) : h.ActorName, isSystem, org.PostName(h.PostId), org.JurisdictionName(h.JurisdictionId),
                    h.At, toState?.Label ?? h.ToState, until - h.At, isCurrent && toState?.IsFinal != true, SpanFrom(history, i, calendar, end), Describe(h.Detail),
                    h.ActingFor is { } a ? org.StaffName(a) : null);
            }),
        ];
        return null;
    }

    private static string StateName(Workflows.Definitions.WorkflowDefinition definition, string state) =>
        state == CaseStates.None ? "未接件" : definition.States.FirstOrDefault(s => s.Name == state)?.Label ?? state;

    /// <summary>
    /// When entry <paramref name="i"/> begins a stage, the stage's span until the case left it, against the stage's
    /// limit for this item (the time-limit engine's stages and calculator).
    /// </summary>
    private StageSpan? SpanFrom(IReadOnlyList<CaseView.HistoryView> history, int i, DeadlineCalculator calendar, DateTimeOffset end)
    {
        var stage = Stages.Of(history[i].ToState);
        if (stage is null || (i > 0 && Stages.Of(history[i - 1].ToState) == stage)) return null;
        var left = history.Skip(i + 1).FirstOrDefault(h => Stages.Of(h.ToState) != stage);
        var running = left is null && Case.CompletedAt is null;
        var stopped = left?.At ?? end;
        var limit = Stages.LimitFor(stage, Item.Spec);
        DateTimeOffset? due = limit is { } days ? calendar.AddWorkingDays(history[i].At, days).DueAt : null;
        return new StageSpan(Stages.Label(stage), limit, due, stopped - history[i].At, running, due is { } d && stopped > d);
    }

    /// <summary>What an action carried, in words (the journal keeps it as JSON without personal data).</summary>
    private List<string> Describe(string? detail)
    {
        if (string.IsNullOrEmpty(detail)) return [];
        var lines = new List<string>();
        try
        {
            var node = JsonNode.Parse(detail)?.AsObject();
            if (node is null) return lines;
            string NameOf(string? code) => Item.Spec.Materials.FirstOrDefault(m => m.Code == code)?.Name ?? code ?? "";
            foreach (var (key, value) in node)
            {
                switch (key)
                {
                    case "missing" when value is JsonArray list:
                        lines.AddRange(list.Select(m => $"缺少/有误：{NameOf(m?["code"]?.GetValue<string>())} — {m?["problem"]?.GetValue<string>()}"));
                        break;
                    case "materials" when value is JsonArray list:
                        lines.Add("补交材料：" + string.Join("、", list.Select(m => NameOf(m?.GetValue<string>()))));
                        break;
                    case "approved":
                        lines.Add(value?.GetValue<bool>() == true ? "结果：准予" : "结果：不予");
                        break;
                    case "text":
                        lines.Add("办理意见：" + value?.GetValue<string>());
                        break;
                    case "method" when Enum.TryParse<DeliveryMethod>(value?.ToString(), out var method):
                        lines.Add("交付方式：" + PageLabels.Delivery(method));
                        break;
                    case "procedure" when Enum.TryParse<SpecialProcedure>(value?.ToString(), out var procedure):
                        lines.Add("特别程序：" + SpecialProcedures.Label(procedure));
                        break;
                    case "reason":
                        lines.Add("理由：" + value?.GetValue<string>());
                        break;
                    case "workingDays":
                        lines.Add($"延期：{value?.GetValue<int>()} 个工作日");
                        break;
                    case "approve":
                        lines.Add(value?.GetValue<bool>() == true ? "审批：批准" : "审批：不批准");
                        break;
                    case "level" when value?.GetValue<int>() is int level and >= EvaluationLevels.Min and <= EvaluationLevels.Max:
                        lines.Add($"评价：{level} {EvaluationLevels.Label(level)}");
                        break;
                }
            }
        }
        catch (Exception e) when (e is System.Text.Json.JsonException or InvalidOperationException or FormatException)
        {
            // An entry written by a newer version: show the rest of the timeline anyway.
        }

        return lines;
    }
}
