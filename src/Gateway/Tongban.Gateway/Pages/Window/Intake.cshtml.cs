using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Tongban.Gateway.Pages.Infrastructure;
using Tongban.Workflows.Catalog;
using Tongban.Workflows.Definitions;
using Tongban.Workflows.Residents;
using Tongban.Workflows.Runtime.Cases;
using Tongban.Workflows.Runtime.Catalog;
using Tongban.Workflows.Runtime.Organisation;
using Tongban.Workflows.Runtime.Persistence;

namespace Tongban.Gateway.Pages.Window;

/// <summary>
/// 接件: the same checks and engine call as POST /api/cases (form check, GB 11643 identity check; the clerk
/// becomes the first-contact person). A form with errors comes back with what was typed and each error next
/// to its field.
/// </summary>
[ForRoles(PostRole.WindowClerk)]
public sealed class IntakeModel(TongbanDbContext db, ItemVersionCache items, PageActions actions) : StaffPage
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

    public async Task OnGetAsync(string? item, CancellationToken ct)
    {
        Form.ItemCode = item;
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
        if (Errors.Count > 0) return Page();

        var outcome = await actions.OpenAsync(
            new OpenCase(Item.Spec.Code, mode, name!, idNumber!.Value, phone!.Value, Form.TownshipId!, Form.Materials.Distinct().ToList()), ct);
        switch (outcome)
        {
            case PageActions.Outcome.Done done:
                SetFlash($"接件成功：案件编号 {done.Case.Number}，已移交本社区通办专员。");
                return Redirect($"/cases/{done.Case.Id}");
            case PageActions.Outcome.Invalid invalid:
                foreach (var (key, messages) in invalid.Errors) Errors[key.StartsWith("materials", StringComparison.Ordinal) ? "materials" : key] = messages;
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
