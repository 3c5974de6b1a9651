using Microsoft.EntityFrameworkCore;
using Tongban.Gateway.Auth;
using Tongban.Gateway.Problems;
using Tongban.UseCases.FirstContact;
using Tongban.Workflows.Runtime.Catalog;
using Tongban.Workflows.Runtime.Consultations;
using Tongban.Workflows.Runtime.Persistence;

namespace Tongban.Gateway.FirstContact;

/// <summary>
/// POST /api/consultations and GET /api/consultations: 咨询告知 (首问负责, 一次性告知). Records what the resident was
/// told — the item's complete material list and the promised due date from the due-date calculator — whether or
/// not it becomes a case; intake with <c>consultationId</c> links it, and this staff member is then the case's
/// first-contact person. No personal data is kept. Recording is <see cref="RecordConsultation"/>.
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

    private static async Task<IResult> CreateAsync(Request body, RecordConsultation useCase, StaffActors staff, CancellationToken ct)
    {
        var outcome = await useCase.HandleAsync(new(body.ItemCode, body.Channel, body.Mode, body.Note), await staff.CurrentAsync(ct), ct);
        return outcome.ToHttp(r => TypedResults.Created($"/api/consultations/{r.Consultation.Id}", ToView(r.Consultation, r.ItemName)));
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
