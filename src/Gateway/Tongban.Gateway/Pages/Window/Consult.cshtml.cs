using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Tongban.Gateway.Pages.Infrastructure;
using Tongban.UseCases;
using Tongban.UseCases.FirstContact;
using Tongban.Workflows.Catalog;
using Tongban.Workflows.Definitions;
using Tongban.Workflows.Runtime.Catalog;
using Tongban.Workflows.Runtime.Clocks;
using Tongban.Workflows.Runtime.Consultations;
using Tongban.Workflows.Runtime.Persistence;

namespace Tongban.Gateway.Pages.Window;

/// <summary>咨询告知: pick an item by name or pinyin initials; its complete material list and time limit, printable.</summary>
[ForRoles(PostRole.WindowClerk)]
public sealed class ConsultModel(TongbanDbContext db, ItemVersionCache items, CountyClock clock, CalendarProvider calendars) : StaffPage
{
    public sealed record ItemChoice(string Code, string Name, string PinyinInitials, string SearchKey);

    public sealed record DueText(string Text, bool Provisional);

    [BindProperty(SupportsGet = true)]
    public string? Q { get; set; }

    [BindProperty(SupportsGet = true, Name = "item")]
    public string? ItemCode { get; set; }

    /// <summary>The consultation just recorded (首问负责), shown with its number on the printed notice.</summary>
    [BindProperty(SupportsGet = true, Name = "consultation")]
    public Guid? ConsultationId { get; set; }

    public Consultation? Recorded { get; private set; }

    /// <summary>Refusals of the record form, keyed as the API names them (channel, note, itemCode).</summary>
    public Dictionary<string, string> Errors { get; } = [];

    /// <summary>What the clerk chose and typed, kept when the record form comes back with errors.</summary>
    public string? ChannelText { get; private set; }

    public string? NoteText { get; private set; }

    public IReadOnlyList<ItemChoice> Items { get; private set; } = [];

    public LoadedItemVersion? Selected { get; private set; }

    public CaseMode DueMode { get; private set; } = CaseMode.ProxyIntake;

    public DueText? PromisedDue { get; private set; }

    public string WindowName => string.Join("、", Me.PostsOf(PostRole.WindowClerk).Select(p => Me.Org.PostName(p.PostId)));

    public string Today => CountyClock.FormatDate(clock.Today);

    public CountyClock Clock => clock;

    public async Task OnGetAsync(CancellationToken ct)
    {
        var rows = await db.ItemVersions.AsNoTracking().Where(v => v.IsCurrent).OrderBy(v => v.Code)
            .Select(v => new { v.Id, v.Code, v.Name, v.PinyinInitials }).ToListAsync(ct);
        var q = Q?.Trim().ToLowerInvariant() ?? "";
        Items =
        [
            .. rows.Select(r => new ItemChoice(r.Code, r.Name, r.PinyinInitials, $"{r.Name} {r.PinyinInitials} {r.Code}".ToLowerInvariant()))
                .Where(i => q.Length == 0 || i.SearchKey.Contains(q, StringComparison.Ordinal)),
        ];

        var code = ItemCode ?? (Items.Count == 1 ? Items[0].Code : null);
        var id = rows.FirstOrDefault(r => r.Code == code)?.Id;
        if (id is { } versionId)
        {
            Selected = await items.GetAsync(db, versionId, ct);
            DueMode = Selected.Spec.Modes.Contains(CaseMode.ProxyIntake) ? CaseMode.ProxyIntake : Selected.Spec.Modes[0];
            PromisedDue = await PromisedDueAsync(Selected.Spec, DueMode, ct);
        }

        if (ConsultationId is { } cid)
        {
            var me = Me.Id;
            Recorded = await db.Consultations.AsNoTracking().SingleOrDefaultAsync(c => c.Id == cid && c.StaffId == me, ct);
            if (Recorded is not null)
            {
                var local = clock.Local(Recorded.PromisedDueAt);
                PromisedDue = new DueText($"{CountyClock.FormatDate(DateOnly.FromDateTime(local.DateTime))}（{Weekdays[(int)local.DayOfWeek]}）{local:HH:mm} 前", Recorded.PromisedProvisional);
            }
        }
    }

    /// <summary>
    /// 咨询告知 recorded (首问负责) through <see cref="RecordConsultation"/>, the use case POST /api/consultations calls:
    /// what this clerk told the resident, whether or not it becomes a case; no personal data. A bad channel or an
    /// over-long note comes back next to its field, with nothing recorded.
    /// </summary>
    public async Task<IActionResult> OnPostRecordAsync(string? channel, string? note, [FromServices] RecordConsultation useCase, CancellationToken ct)
    {
        var outcome = await useCase.HandleAsync(new(ItemCode, channel, Mode: null, note), Me.Actor, ct);
        switch (outcome)
        {
            case Outcome<RecordConsultation.Recorded>.Ok { Value: var recorded }:
                var how = recorded.Consultation.Channel;
                SetFlash($"已登记本次咨询（{ContactLabel(how)}），您为首问责任人。可打印告知单交群众；群众办理时点“为该事项接件”。");
                return Redirect($"/window/consult?item={Uri.EscapeDataString(recorded.Consultation.ItemCode)}&consultation={recorded.Consultation.Id}");
            case Outcome<RecordConsultation.Recorded>.Forbidden forbidden:
                return Forbidden(forbidden.Reason);
            case Outcome<RecordConsultation.Recorded>.Invalid invalid:
                foreach (var (key, messages) in invalid.Errors) Errors[key] = string.Join(" ", messages);
                break;
            case Outcome<RecordConsultation.Recorded>.Conflict conflict:
                Errors["record"] = conflict.Reason;
                break;
        }

        ChannelText = channel;
        NoteText = note;
        await OnGetAsync(ct);
        Response.StatusCode = StatusCodes.Status400BadRequest;
        return Page();
    }

    public static string ContactLabel(ContactChannel channel) => channel switch
    {
        ContactChannel.InPerson => "现场咨询",
        ContactChannel.Phone => "电话咨询",
        ContactChannel.Online => "网上咨询",
        _ => channel.ToString(),
    };

    /// <summary>
    /// The date promised to the resident if the case is taken in now: the time-limit engine's calculator over the
    /// loaded holiday schedules (the same code that plans the case's deadline at intake).
    /// </summary>
    private async Task<DueText?> PromisedDueAsync(ServiceItemSpec spec, CaseMode mode, CancellationToken ct)
    {
        var calculator = await calendars.GetAsync(db, ct);
        var deadline = calculator.AddWorkingDays(clock.Now, spec.TimeLimitFor(mode));
        var local = clock.Local(deadline.DueAt);
        return new DueText($"{CountyClock.FormatDate(deadline.DueDate)}（{Weekdays[(int)deadline.DueDate.DayOfWeek]}）{local:HH:mm} 前", deadline.IsProvisional);
    }

    private static readonly string[] Weekdays = ["星期日", "星期一", "星期二", "星期三", "星期四", "星期五", "星期六"];
}
