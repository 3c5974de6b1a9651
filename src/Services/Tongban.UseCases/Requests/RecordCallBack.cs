using Microsoft.EntityFrameworkCore;
using Tongban.Workflows.Cases;
using Tongban.Workflows.Catalog;
using Tongban.Workflows.Requests;
using Tongban.Workflows.Runtime.Catalog;
using Tongban.Workflows.Runtime.Clocks;
using Tongban.Workflows.Runtime.Consultations;
using Tongban.Workflows.Runtime.Organisation;
using Tongban.Workflows.Runtime.Persistence;
using Tongban.Workflows.Runtime.Requests;

namespace Tongban.UseCases.Requests;

/// <summary>
/// 回访: the staff member who called the resident back records the outcome — answered and closed; told the
/// complete list of materials; or a collection at home by the grid worker of the resident's grid, by appointment.
/// The call-back is recorded as a consultation (channel Online, the item's complete list), so this staff member is
/// the first-contact person (首问负责) of the case that follows. A request is called back once (409 after).
/// </summary>
public sealed class RecordCallBack(TongbanDbContext db, ItemVersionCache items, CalendarProvider calendars, TimeProvider clock)
{
    public const int MaxOutcomeLength = 30;
    public const int MaxAddressLength = SubmitRequest.MaxAddressLength;
    public const int MaxGridIdLength = SubmitRequest.MaxGridIdLength;
    public const int MaxNoteLength = 500;

    /// <summary>How far ahead a collection may be booked.</summary>
    public const int MaxAppointmentDaysAhead = 60;

    /// <param name="Outcome">Answered, ListTold or NeedsCollection.</param>
    /// <param name="AppointmentAt">NeedsCollection: when the grid worker comes.</param>
    /// <param name="Address">NeedsCollection: where (default: the address the resident gave).</param>
    /// <param name="GridId">NeedsCollection: the resident's grid (default: the one the resident chose).</param>
    /// <param name="Version">The request's version as the caller saw it (optional; a stale one is 409).</param>
    public sealed record Request(Guid RequestId, string? Outcome, DateTimeOffset? AppointmentAt, string? Address, string? GridId, string? Note, int? Version);

    public sealed record Recorded(ServiceRequest Request, Consultation Consultation, CollectionTask? Collection);

    public async Task<Outcome<Recorded>> HandleAsync(Request request, Actor actor, CancellationToken ct)
    {
        var errors = new FieldErrors();
        CallBackOutcome outcome = default;
        if (request.Outcome is not { Length: <= MaxOutcomeLength } text || !Enum.TryParse(text, ignoreCase: false, out outcome) || !Enum.IsDefined(outcome) || int.TryParse(text, out _))
        {
            errors.Add("outcome", "回访结果应为 Answered（答复办结）、ListTold（一次性告知材料）或 NeedsCollection（网格员上门收件）。");
        }

        var address = errors.Optional("address", request.Address, MaxAddressLength, $"上门地址不超过{MaxAddressLength}字。", oneLine: true);
        var gridId = errors.Optional("gridId", request.GridId, MaxGridIdLength, "请从列表中选择网格。", oneLine: true);
        var note = errors.Optional("note", request.Note, MaxNoteLength, $"回访记录不超过{MaxNoteLength}字。");
        var now = clock.GetUtcNow();
        if (outcome == CallBackOutcome.NeedsCollection && !errors.All.ContainsKey("outcome"))
        {
            if (request.AppointmentAt is not { } at) errors.Add("appointmentAt", "请填写预约上门的日期和时间。");
            else if (at <= now || at > now.AddDays(MaxAppointmentDaysAhead)) errors.Add("appointmentAt", $"预约上门时间应在现在之后的 {MaxAppointmentDaysAhead} 天内。");
        }

        if (errors.Any) return errors.Outcome<Recorded>();

        var row = await db.ServiceRequests.SingleOrDefaultAsync(r => r.Id == request.RequestId, ct);
        if (row is null) return Outcome.NotFound<Recorded>("网上申请不存在。");
        if (!RequestAccess.CommunitiesOf(actor).Contains(row.CommunityId)) return Outcome.Forbidden<Recorded>("该网上申请不属于您所在的社区，不能回访。");
        if (request.Version is { } v && v != row.Version) return Outcome.Conflict<Recorded>("该申请已被他人更新，请刷新后重试。");
        if (row.State != ServiceRequestState.AwaitingCallBack) return Outcome.Conflict<Recorded>($"该申请已于 {row.CallBackAt:yyyy-MM-dd HH:mm} 由 {row.CallBackBy} 回访，不能重复登记。");

        var item = await items.GetCurrentAsync(db, row.ItemCode, ct);
        if (item is null) return Outcome.Conflict<Recorded>($"事项「{row.ItemCode}」已不在事项清单中，请答复群众后按答复办结登记。");

        CollectionTask? task = null;
        if (outcome == CallBackOutcome.NeedsCollection)
        {
            address ??= row.Address;
            if (address is null) errors.Add("address", "请填写上门收件的地址（群众申请时未填写）。");
            gridId ??= row.GridId;
            var grid = gridId is null ? null : await db.Grids.AsNoTracking().SingleOrDefaultAsync(g => g.Id == gridId && g.CommunityId == row.CommunityId, ct);
            if (grid is null) errors.Add("gridId", gridId is null ? "请选择群众所在的网格（群众申请时未选择）。" : "所选网格不属于本社区。");
            if (errors.Any) return errors.Outcome<Recorded>();

            var post = await db.Posts.AsNoTracking().SingleAsync(p => p.Id == grid!.PostId, ct);
            var calculator = await calendars.GetAsync(db, ct);
            var day = calculator.ToLocalDate(request.AppointmentAt!.Value);
            var holders = PostRegister.HoldersOf(post);
            var absences = await PostRegister.AbsencesAsync(db, [holders.PrimaryId, holders.BackupId], day, day, ct);
            var holding = GridWorkerChoice.For(holders, absences, day);
            task = new CollectionTask
            {
                Id = Guid.CreateVersion7(now), RequestId = row.Id, GridId = grid!.Id, PostId = post.Id, AssignedStaffId = holding.StaffId,
                AppointmentAt = request.AppointmentAt.Value, Address = address!, CreatedAt = now,
            };
            db.CollectionTasks.Add(task);
            row.GridId = grid.Id;
        }

        var modes = item.Spec.Modes;
        var mode = modes.Contains(CaseMode.ProxyIntake) || modes.Count == 0 ? CaseMode.ProxyIntake : modes[0];
        var consultation = Consultation.Record(item, mode, ContactChannel.Online, actor.Id, row.CommunityId, note, await calendars.GetAsync(db, ct), now);
        db.Consultations.Add(consultation);

        row.Outcome = outcome;
        row.CallBackBy = actor.Id;
        row.CallBackAt = now;
        row.CallBackNote = note;
        row.ConsultationId = consultation.Id;
        row.State = outcome switch
        {
            CallBackOutcome.Answered => ServiceRequestState.Closed,
            CallBackOutcome.ListTold => ServiceRequestState.ListTold,
            _ => ServiceRequestState.AwaitingCollection,
        };
        row.Version++;

        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateConcurrencyException)
        {
            db.ChangeTracker.Clear();
            return Outcome.Conflict<Recorded>("该申请刚被他人回访登记，本次未生效，请刷新后查看。");
        }

        return new Recorded(row, consultation, task);
    }
}
