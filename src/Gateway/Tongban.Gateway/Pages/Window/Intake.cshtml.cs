using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Tongban.Gateway.Pages.Infrastructure;
using Tongban.UseCases;
using Tongban.UseCases.Intake;
using Tongban.UseCases.Requests;
using Tongban.Workflows.Cases;
using Tongban.Workflows.Catalog;
using Tongban.Workflows.Definitions;
using Tongban.Workflows.Runtime.Catalog;
using Tongban.Workflows.Runtime.Clocks;
using Tongban.Workflows.Runtime.Organisation;
using Tongban.Workflows.Runtime.Persistence;

namespace Tongban.Gateway.Pages.Window;

/// <summary>
/// 接件 through <see cref="OpenCase"/>, the use case POST /api/cases calls (form check, GB 11643 identity check; the
/// clerk becomes the first-contact person). A form with errors comes back with what was typed and each error next
/// to its field.
/// </summary>
[ForRoles(PostRole.WindowClerk)]
public sealed class IntakeModel(TongbanDbContext db, ItemVersionCache items, IOptions<TimeLimitOptions> limits) : StaffPage
{
    public sealed class IntakeForm
    {
        public string? ItemCode { get; set; }
        public string? Mode { get; set; }
        public string? Name { get; set; }
        public string? IdNumber { get; set; }
        public string? Phone { get; set; }
        public string? TownshipId { get; set; }
        public List<string> Materials { get; set; } = [];

        /// <summary>容缺受理: non-essential materials the applicant promises in writing to supply later.</summary>
        public List<string> Deferred { get; set; } = [];

        public int? PromiseWorkingDays { get; set; }

        public string Channel { get; set; } = nameof(CaseChannel.Window);

        public string? AgentName { get; set; }

        public string? AgentScope { get; set; }

        public DateOnly? AgentSignedOn { get; set; }

        /// <summary>The consultation this intake follows (its staff member is then the first-contact person).</summary>
        public Guid? ConsultationId { get; set; }

        /// <summary>
        /// Chosen when the form is shown and kept when it comes back with errors: a double click or a resend after a
        /// lost answer finds the case the first submission opened (the API's Idempotency-Key).
        /// </summary>
        public string? IdempotencyKey { get; set; }

        /// <summary>The resident does not want progress notices by SMS.</summary>
        public bool NoticesOptOut { get; set; }

        /// <summary>The online request this intake opens (网上申请 → 回访 → 上门收件).</summary>
        public Guid? RequestId { get; set; }

        /// <summary>The door-to-door appointment this intake ends (上门服务 page's link); the channel is then DoorToDoor.</summary>
        public Guid? VisitId { get; set; }
    }

    public string? FromRequestReference { get; private set; }

    public string? FromRequestCollectedBy { get; private set; }

    public sealed record ItemChoice(string Code, string Name, string PinyinInitials);

    [BindProperty]
    public IntakeForm Form { get; set; } = new();

    public IReadOnlyList<ItemChoice> ItemChoices { get; private set; } = [];

    public IReadOnlyList<Jurisdiction> Townships { get; private set; } = [];

    public LoadedItemVersion? Item { get; private set; }

    /// <summary>Errors keyed like the API's (applicant.idNumber, materials, …).</summary>
    public Dictionary<string, string[]> Errors { get; } = [];

    public string? GeneralError { get; private set; }

    public int DefaultPromiseWorkingDays => limits.Value.DefaultPromiseWorkingDays;

    public async Task OnGetAsync(string? item, Guid? consultation, Guid? request, Guid? visit, [FromServices] GetRequest getRequest, CancellationToken ct)
    {
        Form.ItemCode = item;
        Form.ConsultationId = consultation;
        Form.VisitId = visit;
        if (visit is not null) Form.Channel = nameof(CaseChannel.DoorToDoor);
        if (request is { } requestId && await getRequest.HandleAsync(new(requestId), Me.Actor, ct) is Outcome<ListRequests.Row>.Ok { Value: var from })
        {
            // The item, the call-back's consultation and what the grid worker collected; the resident's details are typed from the papers.
            Form.RequestId = from.Id;
            Form.ItemCode = from.ItemCode;
            Form.ConsultationId = from.ConsultationId;
            Form.Channel = nameof(CaseChannel.Online);
            Form.Materials = [.. from.Collection?.Collected ?? []];
            FromRequestReference = from.Reference;
            FromRequestCollectedBy = from.Collection?.CollectedBy;
        }

        Form.IdempotencyKey = NewKey();
        await LoadAsync(ct);
        if (Item is not null && Item.Spec.Modes.Count > 0)
        {
            Form.Mode = (Item.Spec.Modes.Contains(CaseMode.ProxyIntake) ? CaseMode.ProxyIntake : Item.Spec.Modes[0]).ToString();
        }
    }

    public async Task<IActionResult> OnPostAsync([FromServices] OpenCase useCase, CancellationToken ct)
    {
        var form = Form;
        var anyAuthorisation = !string.IsNullOrWhiteSpace(form.AgentName) || !string.IsNullOrWhiteSpace(form.AgentScope) || form.AgentSignedOn is not null;
        var request = new OpenCase.Request(form.ItemCode, form.Mode, new OpenCase.Applicant(form.Name, form.IdNumber, form.Phone), form.TownshipId, form.Materials)
        {
            DeferredMaterials = form.Deferred,
            // The promise period is asked for only with deferred materials (the field's hint says so).
            PromiseWorkingDays = form.Deferred.Count > 0 ? form.PromiseWorkingDays : null,
            Channel = form.Channel,
            // 授权委托: the fieldset left empty means none; any of its fields filled means all three are needed.
            Authorisation = anyAuthorisation ? new OpenCase.AuthorisationRequest(form.AgentName, form.AgentScope, form.AgentSignedOn, null) : null,
            ConsultationId = form.ConsultationId,
            IdempotencyKey = form.IdempotencyKey,
            NoticesOptOut = form.NoticesOptOut,
            RequestId = form.RequestId,
            VisitId = form.VisitId,
        };
        var outcome = await useCase.HandleAsync(request, Me.Actor, ct);
        if (outcome is Outcome<OpenCase.Opened>.Ok { Value: var opened })
        {
            SetFlash(opened.IsNew
                ? $"接件成功：案件编号 {opened.Case.Number}，已移交本社区通办专员。请点“受理回执”打印交给群众。"
                : $"该接件已提交过（案件编号 {opened.Case.Number}），未重复建案。");
            return Redirect($"/cases/{opened.Case.Id}");
        }

        await LoadAsync(ct);
        switch (outcome)
        {
            case Outcome<OpenCase.Opened>.Invalid invalid:
                foreach (var (key, messages) in invalid.Errors)
                {
                    if (key == OpenCase.IdempotencyKeyField)
                    {
                        // Only a tampered or outdated form: a fresh key lets the clerk submit again.
                        GeneralError = "表单已过期，请重新提交。";
                        Form.IdempotencyKey = NewKey();
                        continue;
                    }

                    var field = FormFieldOf(key);
                    Errors[field] = Errors.TryGetValue(field, out var before) ? [.. before, .. messages] : messages;
                }

                Response.StatusCode = StatusCodes.Status400BadRequest;
                break;
            case Outcome<OpenCase.Opened>.Forbidden forbidden:
                GeneralError = forbidden.Reason;
                Response.StatusCode = StatusCodes.Status403Forbidden;
                break;
            case Outcome<OpenCase.Opened>.Conflict conflict:
                GeneralError = conflict.Reason;
                Response.StatusCode = StatusCodes.Status409Conflict;
                break;
            default:
                GeneralError = "接件未完成，请重试。";
                break;
        }

        return Page();
    }

    /// <summary>The use case names fields as the API does; this form shows every material error under its material list.</summary>
    private static string FormFieldOf(string key) =>
        key.StartsWith("materials", StringComparison.Ordinal) || key.StartsWith("deferredMaterials", StringComparison.Ordinal) ? "materials"
        : key == "authorisation.channel" ? "authorisation"
        : key;

    private static string NewKey() => Guid.NewGuid().ToString();

    public string? ErrorText(string field) => Errors.TryGetValue(field, out var messages) ? string.Join(" ", messages) : null;

    /// <summary>The id of the field an error summary entry jumps to.</summary>
    public string AnchorOf(string field) => field switch
    {
        "applicant.name" => "name",
        "applicant.idNumber" => "idNumber",
        "applicant.phone" => "phone",
        "registrationTownshipId" => "township",
        "mode" => "mode",
        "itemCode" => "item-pick",
        "channel" => "channel",
        "authorisation" or "authorisation.agent" => "agent",
        "authorisation.scope" => "agent-scope",
        "authorisation.signedOn" => "agent-signed",
        "promiseWorkingDays" => "promise-days",
        "consultationId" => "item-pick",
        _ => "materials",
    };

    private async Task LoadAsync(CancellationToken ct)
    {
        var rows = await db.ItemVersions.AsNoTracking().Where(v => v.IsCurrent).OrderBy(v => v.Code)
            .Select(v => new { v.Id, v.Code, v.Name, v.PinyinInitials }).ToListAsync(ct);
        ItemChoices = [.. rows.Select(r => new ItemChoice(r.Code, r.Name, r.PinyinInitials))];
        Townships = [.. Me.Org.OfKind(JurisdictionKind.Township)];
        var id = rows.FirstOrDefault(r => r.Code == Form.ItemCode)?.Id;
        Item = id is { } versionId ? await items.GetAsync(db, versionId, ct) : null;
    }
}
