using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Tongban.Gateway.Pages.Infrastructure;
using Tongban.Workflows.Cases;
using Tongban.Workflows.Catalog;
using Tongban.Workflows.Definitions;
using Tongban.Workflows.Residents;
using Tongban.Workflows.Runtime.Cases;
using Tongban.Workflows.Runtime.Catalog;
using Tongban.Workflows.Runtime.Clocks;
using Tongban.Workflows.Runtime.Organisation;
using Tongban.Workflows.Runtime.Persistence;

namespace Tongban.Gateway.Pages.Window;

/// <summary>
/// 接件: the same checks and engine call as POST /api/cases (form check, GB 11643 identity check; the clerk
/// becomes the first-contact person). A form with errors comes back with what was typed and each error next
/// to its field.
/// </summary>
[ForRoles(PostRole.WindowClerk)]
public sealed class IntakeModel(TongbanDbContext db, ItemVersionCache items, PageActions actions, IOptions<TimeLimitOptions> limits) : StaffPage
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
    }

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

    public async Task OnGetAsync(string? item, Guid? consultation, CancellationToken ct)
    {
        Form.ItemCode = item;
        Form.ConsultationId = consultation;
        await LoadAsync(ct);
        if (Item is not null && Item.Spec.Modes.Count > 0)
        {
            Form.Mode = (Item.Spec.Modes.Contains(CaseMode.ProxyIntake) ? CaseMode.ProxyIntake : Item.Spec.Modes[0]).ToString();
        }
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        await LoadAsync(ct);
        if (Item is null)
        {
            Errors["itemCode"] = ["请选择事项。"];
            return Page();
        }

        if (!Enum.TryParse<CaseMode>(Form.Mode, out var mode) || !Enum.IsDefined(mode)) Errors["mode"] = ["请选择办理模式。"];
        var name = Form.Name?.Trim();
        if (string.IsNullOrEmpty(name) || name.Length > 50) Errors["applicant.name"] = ["请填写申请人姓名（不超过50字）。"];
        if (!ChineseIdNumber.TryParse(Form.IdNumber, out var idNumber, out var idError)) Errors["applicant.idNumber"] = [idError];
        if (!PhoneNumber.TryParse(Form.Phone, out var phone, out var phoneError)) Errors["applicant.phone"] = [phoneError];
        if (string.IsNullOrWhiteSpace(Form.TownshipId)) Errors["registrationTownshipId"] = ["请选择户籍乡镇。"];
        if (!Enum.TryParse<CaseChannel>(Form.Channel, out var channel) || !Enum.IsDefined(channel)) Errors["channel"] = ["请选择受理渠道。"];
        var authorisation = ReadAuthorisation(channel);
        if (Errors.Count > 0) return Page();

        var outcome = await actions.OpenAsync(
            new OpenCase(Item.Spec.Code, mode, name!, idNumber!.Value, phone!.Value, Form.TownshipId!, Form.Materials.Distinct().ToList())
            {
                DeferredMaterials = [.. Form.Deferred.Distinct()],
                PromiseWorkingDays = Form.Deferred.Count > 0 ? Form.PromiseWorkingDays : null,
                Channel = channel,
                Authorisation = authorisation,
                ConsultationId = Form.ConsultationId,
            },
            ct);
        switch (outcome)
        {
            case PageActions.Outcome.Done done:
                SetFlash($"接件成功：案件编号 {done.Case.Number}，已移交本社区通办专员。");
                return Redirect($"/cases/{done.Case.Id}");
            case PageActions.Outcome.Invalid invalid:
                foreach (var (key, messages) in invalid.Errors)
                {
                    var field = key.StartsWith("materials", StringComparison.Ordinal) || key.StartsWith("deferredMaterials", StringComparison.Ordinal) ? "materials" : key;
                    Errors[field] = Errors.TryGetValue(field, out var before) ? [.. before, .. messages] : messages;
                }

                return Page();
            case PageActions.Outcome.Forbidden forbidden:
                GeneralError = forbidden.Reason;
                return Page();
            case PageActions.Outcome.Conflict conflict:
                GeneralError = conflict.Reason;
                return Page();
            default:
                GeneralError = "接件未完成，请重试。";
                return Page();
        }
    }

    /// <summary>授权委托 for 帮办代办: all three fields or none; required for door-to-door (the API's rule).</summary>
    private Authorisation? ReadAuthorisation(CaseChannel channel)
    {
        var any = !string.IsNullOrWhiteSpace(Form.AgentName) || !string.IsNullOrWhiteSpace(Form.AgentScope) || Form.AgentSignedOn is not null;
        if (!any)
        {
            if (channel == CaseChannel.DoorToDoor) Errors["authorisation"] = ["上门代办须登记授权委托（代办人、委托事项、签署日期）。"];
            return null;
        }

        var before = Errors.Count;
        if (string.IsNullOrWhiteSpace(Form.AgentName) || Form.AgentName.Trim().Length > 100) Errors["authorisation.agent"] = ["请填写代办人（不超过100字）。"];
        if (string.IsNullOrWhiteSpace(Form.AgentScope) || Form.AgentScope.Trim().Length > 500) Errors["authorisation.scope"] = ["请填写委托事项范围（不超过500字）。"];
        if (Form.AgentSignedOn is null) Errors["authorisation.signedOn"] = ["请填写授权委托书签署日期。"];
        return Errors.Count > before ? null : new Authorisation(Form.AgentName!.Trim(), Form.AgentScope!.Trim(), Form.AgentSignedOn!.Value, channel);
    }

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
