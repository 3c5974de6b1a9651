using Tongban.Workflows.Cases;
using Tongban.Workflows.Catalog;
using Tongban.Workflows.Definitions;
using Tongban.Workflows.Runtime.Catalog;
using Tongban.Workflows.Runtime.Clocks;
using Tongban.Workflows.Runtime.Consultations;
using Tongban.Workflows.Runtime.Persistence;

namespace Tongban.UseCases.FirstContact;

/// <summary>
/// 咨询告知 (首问负责, 一次性告知), from POST /api/consultations or the consultation page: records what the resident
/// was told — the item's complete material list and the promised due date — whether or not it becomes a case.
/// No personal data is kept; intake with its id links it, and this staff member is then the first-contact person.
/// </summary>
public sealed class RecordConsultation(TongbanDbContext db, ItemVersionCache items, CalendarProvider calendars, TimeProvider clock)
{
    public const int MaxItemCodeLength = 40;
    public const int MaxNoteLength = 500;

    /// <param name="Channel">InPerson (default), Phone or Online.</param>
    /// <param name="Mode">The mode the due date is promised for; default ProxyIntake where the item offers it, else its first mode.</param>
    public sealed record Request(string? ItemCode, string? Channel, string? Mode, string? Note);

    public sealed record Recorded(Consultation Consultation, string ItemName);

    public async Task<Outcome<Recorded>> HandleAsync(Request request, Actor actor, CancellationToken ct)
    {
        var errors = new FieldErrors();
        var code = request.ItemCode?.Trim();
        var item = string.IsNullOrEmpty(code) || code.Length > MaxItemCodeLength ? null : await items.GetCurrentAsync(db, code, ct);
        if (item is null)
        {
            errors.Add("itemCode", string.IsNullOrEmpty(code) ? "请选择事项。" : code.Length > MaxItemCodeLength ? $"事项编码不超过{MaxItemCodeLength}个字符。" : $"事项「{code}」不在事项清单中。");
        }

        var channel = ContactChannel.InPerson;
        if (request.Channel is not null && !TryReadEnum(request.Channel, out channel)) errors.Add("channel", "咨询渠道应为 InPerson（现场）、Phone（电话）或 Online（网上）。");
        CaseMode? mode = null;
        if (request.Mode is not null)
        {
            if (TryReadEnum<CaseMode>(request.Mode, out var m)) mode = m;
            else errors.Add("mode", "办理模式应为 OnlineEndToEnd、ProxyIntake 或 MultiSite。");
        }

        var note = errors.Optional("note", request.Note, MaxNoteLength, $"备注不超过{MaxNoteLength}字。");
        if (errors.Any) return errors.Outcome<Recorded>();

        // The window post where the clerk has one (the consultation page), else any post on duty (e.g. a specialist on the phone).
        var post = actor.Posts.Where(p => !p.OnlyEscalated).OrderBy(p => p.Role == PostRole.WindowClerk ? 0 : 1).FirstOrDefault();
        if (post is null) return Outcome.Forbidden<Recorded>("只有在岗工作人员可以登记咨询。");

        var modes = item!.Spec.Modes;
        var promisedFor = mode ?? (modes.Contains(CaseMode.ProxyIntake) || modes.Count == 0 ? CaseMode.ProxyIntake : modes[0]);
        var consultation = Consultation.Record(item, promisedFor, channel, actor.Id, post.JurisdictionId, note, await calendars.GetAsync(db, ct), clock.GetUtcNow());
        db.Consultations.Add(consultation);
        // A new row with a new id: nothing to race with.
        await db.SaveChangesAsync(ct);
        return new Recorded(consultation, item.Spec.Name);
    }

    private static bool TryReadEnum<T>(string? text, out T value)
        where T : struct, Enum =>
        Enum.TryParse(text, ignoreCase: false, out value) && Enum.IsDefined(value) && !int.TryParse(text, out _);
}
