using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Tongban.Gateway.Pages.Infrastructure;
using Tongban.UseCases;
using Tongban.UseCases.FirstContact;
using Tongban.Workflows.Definitions;
using Tongban.Workflows.Runtime.Cases;
using Tongban.Workflows.Runtime.Catalog;
using Tongban.Workflows.Runtime.Persistence;

namespace Tongban.Gateway.Pages.Window;

/// <summary>首问负责: the cases this clerk took in or first touched (<see cref="MyFirstContactCases"/>, as GET /api/first-contact), with stage, holder and colour.</summary>
[ForRoles(PostRole.WindowClerk)]
public sealed class MyCasesModel(TongbanDbContext db, ItemVersionCache items, CountyClock clock) : StaffPage
{
    public const int PageSize = 50;

    public CountyClock Clock => clock;

    public string Status { get; private set; } = "open";

    public IReadOnlyList<CaseRow> Rows { get; private set; } = [];

    public Paging Paging { get; private set; } = new(1, PageSize, 0);

    public sealed record ConsultationRow(Guid Id, string ItemCode, string ItemName, string Channel, DateTimeOffset At, DateTimeOffset PromisedDueAt);

    /// <summary>Consultations this clerk recorded in the last 30 days that have not (yet) become a case.</summary>
    public IReadOnlyList<ConsultationRow> OpenConsultations { get; private set; } = [];

    public async Task OnGetAsync(string? status, [FromServices] MyFirstContactCases useCase, int p = 1, CancellationToken ct = default)
    {
        // The filter offers open, closed and all; anything else is the default, open.
        Status = status is "closed" or "all" ? status : "open";
        var me = Me.Id;
        if (await useCase.HandleAsync(new(Status, p, PageSize), Me.Actor, ct) is Outcome<MyFirstContactCases.Result>.Ok { Value: var mine })
        {
            Paging = new Paging(mine.Page, PageSize, mine.Total);
            Rows = await CaseRow.BuildAsync([.. mine.Cases], db, items, Me.Org, actor: null, clock.Now, ct);
        }

        var since = clock.Now.AddDays(-30);
        var consultations = await db.Consultations.AsNoTracking()
            .Where(c => c.StaffId == me && c.CaseId == null && c.At >= since)
            .OrderByDescending(c => c.At).Take(20).ToListAsync(ct);
        var names = await db.ItemVersions.AsNoTracking().Where(v => v.IsCurrent).ToDictionaryAsync(v => v.Code, v => v.Name, ct);
        OpenConsultations =
        [
            .. consultations.Select(c => new ConsultationRow(c.Id, c.ItemCode, names.GetValueOrDefault(c.ItemCode, c.ItemCode), ConsultModel.ContactLabel(c.Channel), c.At, c.PromisedDueAt)),
        ];
    }
}
