using Microsoft.AspNetCore.Mvc;
using Tongban.Gateway.Cases;
using Tongban.Gateway.Pages.Infrastructure;
using Tongban.UseCases;
using Tongban.UseCases.Audit;
using Tongban.UseCases.Cases;
using GetCase = Tongban.UseCases.Cases.GetCase;
using Tongban.UseCases.TimeLimits;
using Tongban.Workflows.Cases;
using Tongban.Workflows.Clocks;
using Tongban.Workflows.Runtime.Cases;
using Tongban.Workflows.Runtime.Catalog;
using Tongban.Workflows.Runtime.Clocks;
using Tongban.Workflows.Runtime.Persistence;

namespace Tongban.Gateway.Pages.Cases;

/// <summary>
/// One case: facts, materials, the actions this person may take now and the timeline (<see cref="CaseTimeline"/>,
/// the one the API answers too). Only translates: the read model into the page, form fields into use-case requests,
/// outcomes into the page (field errors under the form's names, the 403 page, the 409 message).
/// </summary>
public sealed class CaseModel(GetCase getCase, TongbanDbContext db, ItemVersionCache items, CalendarProvider calendars, CountyClock clock) : StaffPage
{
    public CountyClock Clock => clock;

    public Case Case { get; private set; } = null!;

    public LoadedItemVersion Item { get; private set; } = null!;

    /// <summary>The API's view of the case: channel, authorisation, clocks.</summary>
    public CaseView View { get; private set; } = null!;

    public CaseTimeline Timeline { get; private set; } = null!;

    public CaseDisplay Display { get; private set; } = null!;

    public CaseForm Form { get; } = new();

    /// <summary>The audited full view of the applicant's ID number and phone, for this one response.</summary>
    public ViewPersonalData.PersonalDataView? Revealed { get; private set; }

    /// <summary>The online request the case was opened from (call-back person, grid worker), if any.</summary>
    public UseCases.Requests.GetRequestOfCase.Origin? FromRequest { get; private set; }

    /// <summary>The answer to the last action, shown above the forms.</summary>
    public string? ActionError { get; private set; }

    /// <summary>The route drawn with where the case is now (办理路线图); null when its route file is not loaded.</summary>
    public string? RouteSvg { get; private set; }

    public string? ActionErrorTitle { get; private set; }

    public async Task<IActionResult> OnGetAsync(Guid id, CancellationToken ct) => await LoadAsync(id, ct) ?? Page();

    public Task<IActionResult> OnPostActAsync(Guid id, CaseAction action, int version, CancellationToken ct) =>
        CaseActionsFor.IsOneClick(action) ? ApplyAsync(new(id, action, version), ct) : Task.FromResult<IActionResult>(BadRequest());

    public Task<IActionResult> OnPostReturnAsync(Guid id, int version, List<string>? missing, Dictionary<string, string>? problems, CancellationToken ct)
    {
        (Form.MissingTicked, Form.Problems) = ([.. missing ?? []], problems ?? []);
        var list = Form.MissingTicked.Select(code => new MissingMaterial(code, Form.Problems.GetValueOrDefault(code) ?? "")).ToList();
        return ApplyAsync(new(id, CaseAction.ReturnForCorrection, version) { Missing = list }, ct, errors => Form.AddReturnErrors(errors, [.. list.Select(m => m.Code)]));
    }

    /// <summary>办结, with the township's approval seal (用章登记) when either seal field is filled in.</summary>
    public Task<IActionResult> OnPostDecideAsync(Guid id, int version, bool? approved, string? text, string? seal, string? sealDocument, CancellationToken ct)
    {
        (Form.DecideApproved, Form.DecideText, Form.SealName, Form.SealDocument) = (approved, text, seal, sealDocument);
        var sealUsed = !string.IsNullOrWhiteSpace(seal) || !string.IsNullOrWhiteSpace(sealDocument);
        return ApplyAsync(new(id, CaseAction.Decide, version) { Approved = approved, Text = text, Seal = sealUsed ? new(seal, sealDocument) : null }, ct);
    }

    public Task<IActionResult> OnPostResubmitAsync(Guid id, int version, List<string>? materials, CancellationToken ct)
    {
        Form.MissingTicked = [.. materials ?? []];
        return ApplyAsync(new(id, CaseAction.Resubmit, version) { Materials = [.. Form.MissingTicked] }, ct, errors => Form.Errors["materials"] = string.Join(" ", errors.Values.SelectMany(v => v)));
    }

    public Task<IActionResult> OnPostDeliverAsync(Guid id, int version, string? method, CancellationToken ct) =>
        ApplyAsync(new(id, CaseAction.Deliver, version) { Method = method }, ct);

    public Task<IActionResult> OnPostEvaluateAsync(Guid id, int version, int? level, CancellationToken ct) =>
        ApplyAsync(new(id, CaseAction.Evaluate, version) { Level = level }, ct);

    /// <summary>并联办理: an assisting unit's opinion on its branch task (the API's use case).</summary>
    public async Task<IActionResult> OnPostOpinionAsync(Guid id, Guid taskId, int version, bool? agrees, string? text, [FromServices] ApplyTaskAction useCase, CancellationToken ct) =>
        await ShowAsync(id, "出具意见", await useCase.HandleAsync(new(id, taskId, "giveOpinion", version) { Agrees = agrees, Text = text }, Me.Actor, ct), _ => "意见已提交。", ct);

    /// <summary>容缺受理: the window hands in promised materials.</summary>
    public async Task<IActionResult> OnPostSupplyAsync(Guid id, List<string>? supplied, [FromServices] SupplyDeferredMaterials useCase, CancellationToken ct) =>
        await ShowAsync(id, "容缺材料补交", await useCase.HandleAsync(new(id, supplied), Me.Actor, ct), _ => "容缺材料已补收。", ct);

    /// <summary>中止计时 for a special procedure (听证、检验、检测、鉴定、专家评审、现场勘验); the applicant side is told.</summary>
    public async Task<IActionResult> OnPostStopClockAsync(Guid id, string? procedure, string? reason, [FromServices] StopClock useCase, CancellationToken ct)
    {
        Form.StopReason = reason;
        var outcome = await useCase.HandleAsync(new(id, procedure, reason), Me.Actor, ct);
        var label = Enum.TryParse<SpecialProcedure>(procedure, out var p) ? SpecialProcedures.Label(p) : "";
        return await ShowAsync(id, "中止计时", outcome, _ => $"已因{label}中止计时，已通知受理窗口告知申请人。", ct, errors => Form.AddErrors(errors, ("reason", "stop-reason")));
    }

    public async Task<IActionResult> OnPostResumeClockAsync(Guid id, [FromServices] ResumeClock useCase, CancellationToken ct) =>
        await ShowAsync(id, "恢复计时", await useCase.HandleAsync(new(id), Me.Actor, ct), _ => "已恢复计时。", ct);

    /// <summary>延期申请 with the reason the applicant will be told; the unit head decides.</summary>
    public async Task<IActionResult> OnPostExtensionAsync(Guid id, int? days, string? reason, [FromServices] RequestExtension useCase, CancellationToken ct)
    {
        Form.ExtensionReason = reason;
        var outcome = await useCase.HandleAsync(new(id, days, reason), Me.Actor, ct);
        return await ShowAsync(id, "延期申请", outcome, _ => "延期申请已提交，等待单位负责人审批。", ct, errors => Form.AddErrors(errors, ("workingDays", "extension-days"), ("reason", "extension-reason")));
    }

    /// <summary>Full ID number and phone, with a stated reason; audited, a refusal too (the API's use case).</summary>
    public async Task<IActionResult> OnPostRevealAsync(Guid id, string? reason, [FromServices] ViewPersonalData useCase, CancellationToken ct)
    {
        Form.RevealReason = reason?.Trim();
        switch (await useCase.HandleAsync(new(id, reason), Me.Actor, ct))
        {
            case Outcome<ViewPersonalData.PersonalDataView>.Ok ok:
                Revealed = ok.Value;
                break;
            case Outcome<ViewPersonalData.PersonalDataView>.Invalid invalid:
                Form.AddErrors(invalid.Errors);
                Response.StatusCode = StatusCodes.Status400BadRequest;
                break;
            case Outcome<ViewPersonalData.PersonalDataView>.Forbidden forbidden:
                return Forbidden(forbidden.Reason);
            default:
                return NotFoundPage();
        }

        return await LoadAsync(id, ct) ?? Page();
    }

    private async Task<IActionResult> ApplyAsync(ApplyRouteAction.Request request, CancellationToken ct, Action<IReadOnlyDictionary<string, string[]>>? onInvalid = null)
    {
        var useCase = HttpContext.RequestServices.GetRequiredService<ApplyRouteAction>();
        var outcome = await useCase.HandleAsync(request, Me.Actor, ct);
        return await ShowAsync(request.CaseId, ActionLabels.Of(request.Action), outcome, c => CaseDoneMessages.For(request.Action, c), ct, onInvalid);
    }

    /// <summary>Done: back to the case with a message. Refused: the page again, with the reason (403, 409) or the field errors.</summary>
    private async Task<IActionResult> ShowAsync(
        Guid id, string label, Outcome<Case> outcome, Func<Case, string> done, CancellationToken ct, Action<IReadOnlyDictionary<string, string[]>>? onInvalid = null)
    {
        (ActionErrorTitle, ActionError, Response.StatusCode) = outcome switch
        {
            Outcome<Case>.Invalid => ($"「{label}」未完成", "请按提示修改后再提交。", StatusCodes.Status400BadRequest),
            Outcome<Case>.Forbidden f => ("无权办理（403）", f.Reason, StatusCodes.Status403Forbidden),
            Outcome<Case>.Conflict c => ("操作与案件当前状态冲突（409）", c.Reason, StatusCodes.Status409Conflict),
            _ => (null, null, StatusCodes.Status200OK),
        };
        switch (outcome)
        {
            case Outcome<Case>.Ok ok:
                SetFlash(done(ok.Value));
                return Redirect($"/cases/{id}");
            case Outcome<Case>.NotFound:
                return NotFoundPage();
            case Outcome<Case>.Invalid invalid:
                (onInvalid ?? (e => Form.AddErrors(e)))(invalid.Errors);
                break;
        }

        var status = Response.StatusCode;
        if (await LoadAsync(id, ct) is { } refused) return refused;
        Response.StatusCode = status;
        return Page();
    }

    /// <summary>Loads the read models for display; returns a result when the person may not see the case.</summary>
    private async Task<IActionResult?> LoadAsync(Guid id, CancellationToken ct)
    {
        switch (await getCase.HandleAsync(new(id, WithTimeline: true), Me.Actor, ct))
        {
            case Outcome<GetCase.Found>.Ok { Value: var found }:
                (Case, Item, Timeline) = (found.Case, found.Item, found.Timeline!);
                View = await CaseView.LoadAsync(db, items, calendars, clock.Now, found.Case, withHistory: false, ct);
                Display = CaseDisplay.Of(found, View, Me.Actor, clock.Now);
                RouteSvg = await HttpContext.RequestServices.GetRequiredService<DrawCaseRoute>().HandleAsync(new(id), Me.Actor, ct) is Outcome<string>.Ok svg ? svg.Value : null;
                if (Form.MissingTicked.Count == 0 && HttpMethods.IsGet(Request.Method)) Form.MissingTicked = [.. Case.MissingMaterials.Select(m => m.Code)];
                if (await HttpContext.RequestServices.GetRequiredService<UseCases.Requests.GetRequestOfCase>().HandleAsync(new(id), Me.Actor, ct)
                    is Outcome<UseCases.Requests.GetRequestOfCase.Origin?>.Ok { Value: var origin })
                {
                    FromRequest = origin;
                }

                return null;
            case Outcome<GetCase.Found>.Forbidden forbidden:
                var mine = string.Join("、", Me.Actor.Posts.Select(p => Me.Org.JurisdictionName(p.JurisdictionId)).Distinct());
                return Forbidden($"{forbidden.Reason.TrimEnd('。')}（您所在的辖区：{mine}），您不能查看。");
            default:
                return NotFoundPage();
        }
    }
}
