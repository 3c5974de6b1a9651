using Microsoft.EntityFrameworkCore;
using Tongban.Gateway.Auth;
using Tongban.Gateway.Problems;
using Tongban.Workflows.Catalog;
using Tongban.Workflows.Runtime.Catalog;
using Tongban.Workflows.Runtime.Clocks;
using Tongban.Workflows.Runtime.Consultations;
using Tongban.Workflows.Runtime.Persistence;

namespace Tongban.Gateway.FirstContact;

/// <summary>
/// POST /api/consultations and GET /api/consultations: 咨询告知 (首问负责, 一次性告知). Records what the resident was
/// told — the item's complete material list and the promised due date from the due-date calculator — whether or
/// not it becomes a case; intake with <c>consultationId</c> links it, and this staff member is then the case's
/// first-contact person. No personal data is kept.
/// </summary>
public static class Consultations
{
    public sealed record Request(string? ItemCode, string? Channel, string? Mode, string? Note);

    public sealed record View(Guid Id, string StaffId, string JurisdictionId, string ItemCode, string ItemName, int ItemVersion, string Channel, IReadOnlyList<MaterialTold> Materials, int PromisedWorkingDays, DateTimeOffset PromisedDueAt, bool PromisedProvisional, string? Note, DateTimeOffset At, Guid? CaseId);

    public static void MapConsultations(this RouteGroupBuilder api)
    {
        var group = api.MapGroup("/consultations").WithTags("First contact");
        group.MapPost("/", CreateAsync)
            .WithSummary("Record a consultation: the item's complete material list and promised due date as told to the resident (printable checklist data).")
            .Produces<View>(StatusCodes.Status201Created).ProducesValidationProblem().ProducesProblem(StatusCodes.Status403Forbidden);
        group.MapGet("/", ListAsync).WithSummary("The caller's consultations, newest first.").Produces<List<View>>();
        group.MapGet("/{id:guid}", GetAsync).WithSummary("One consultation (its checklist), for the staff member who recorded it and their jurisdiction.")
            .Produces<View>().ProducesProblem(StatusCodes.Status403Forbidden).ProducesProblem(StatusCodes.Status404NotFound);
    }

    private static async Task<IResult> CreateAsync(Request body, StaffActors staff, TongbanDbContext db, ItemVersionCache items, CalendarProvider calendars, TimeProvider clock, CancellationToken ct)
    {
        var errors = new Dictionary<string, string[]>();
        var item = string.IsNullOrWhiteSpace(body.ItemCode) ? null : await items.GetCurrentAsync(db, body.ItemCode, ct);
        if (item is null) errors["itemCode"] = [$"事项「{body.ItemCode}」不在事项清单中。"];
        var channel = ContactChannel.InPerson;
        if (body.Channel is not null && (!Enum.TryParse(body.Channel, out channel) || !Enum.IsDefined(channel))) errors["channel"] = ["咨询渠道应为 InPerson（现场）、Phone（电话）或 Online（网上）。"];
        var mode = CaseMode.ProxyIntake;
        if (body.Mode is not null && (!Enum.TryParse(body.Mode, out mode) || !Enum.IsDefined(mode))) errors["mode"] = ["办理模式应为 OnlineEndToEnd、ProxyIntake 或 MultiSite。"];
        if (body.Note is { Length: > 500 }) errors["note"] = ["备注不超过500字。"];
        if (errors.Count > 0) return TypedResults.ValidationProblem(errors, title: "输入有误");

        var actor = await staff.CurrentAsync(ct);
        var post = actor.Posts.FirstOrDefault(p => !p.OnlyEscalated);
        if (post is null) return CaseProblems.Forbidden("只有在岗工作人员可以登记咨询。");

        var consultation = Consultation.Record(item!, mode, channel, actor.Id, post.JurisdictionId, body.Note, await calendars.GetAsync(db, ct), clock.GetUtcNow());
        db.Consultations.Add(consultation);
        await db.SaveChangesAsync(ct);
        return TypedResults.Created($"/api/consultations/{consultation.Id}", ToView(consultation, item!.Spec.Name));
    }

    private static async Task<IResult> ListAsync(StaffActors staff, TongbanDbContext db, ItemVersionCache items, CancellationToken ct, int limit = 100)
    {
        var actor = await staff.CurrentAsync(ct);
        var rows = await db.Consultations.AsNoTracking().Where(c => c.StaffId == actor.Id).OrderByDescending(c => c.At).Take(Math.Clamp(limit, 1, 500)).ToListAsync(ct);
        var views = new List<View>();
        foreach (var row in rows) views.Add(ToView(row, (await items.GetCurrentAsync(db, row.ItemCode, ct))?.Spec.Name ?? row.ItemCode));
        return TypedResults.Ok(views);
    }

    private static async Task<IResult> GetAsync(Guid id, StaffActors staff, TongbanDbContext db, ItemVersionCache items, CancellationToken ct)
    {
        var row = await db.Consultations.AsNoTracking().SingleOrDefaultAsync(c => c.Id == id, ct);
        if (row is null) return TypedResults.Problem("咨询记录不存在。", statusCode: StatusCodes.Status404NotFound, title: "未找到");
        var actor = await staff.CurrentAsync(ct);
        if (row.StaffId != actor.Id && actor.Posts.All(p => p.JurisdictionId != row.JurisdictionId)) return CaseProblems.Forbidden("该咨询记录不属于您所在的辖区。");
        return TypedResults.Ok(ToView(row, (await items.GetCurrentAsync(db, row.ItemCode, ct))?.Spec.Name ?? row.ItemCode));
    }

    private static View ToView(Consultation c, string itemName) =>
        new(c.Id, c.StaffId, c.JurisdictionId, c.ItemCode, itemName, c.ItemVersion, c.Channel.ToString(), c.Materials, c.PromisedWorkingDays, c.PromisedDueAt, c.PromisedProvisional, c.Note, c.At, c.CaseId);
}
