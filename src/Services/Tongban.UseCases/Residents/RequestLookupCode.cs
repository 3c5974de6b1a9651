using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Tongban.Workflows.Residents;
using Tongban.Workflows.Runtime.Persistence;
using Tongban.Workflows.Runtime.Residents;

namespace Tongban.UseCases.Residents;

/// <summary>
/// 发送验证码, anonymous, from the public page /lookup or POST /api/public/lookup/code: a six-digit one-time code
/// to the phone on file of the case with the typed number, through the notification outbox (a
/// <see cref="ResidentNotice"/> of kind <see cref="Milestone.LookupCode"/>, sent once and retried like every
/// notice), for <see cref="LookUpCase"/> to take instead of the ID characters.
/// </summary>
/// <remarks>
/// The answer is the same whether or not the case exists, has a phone, or opted out of notices ("if ..., a code
/// was sent"). Limits: the lookup's per-address limit (the request is a row of <c>resident_lookups</c> like every
/// attempt), and one code per typed case number per minute and ten a day (<see cref="LookupCodes.RetryAfter"/>),
/// counted on the keyed hash of the number, so it answers alike for unknown numbers. Only a keyed hash of the code is stored
/// (<see cref="ResidentLookupCode"/>); the digits are in the outgoing message only, and never logged.
/// </remarks>
public sealed class RequestLookupCode(TongbanDbContext db, LookupKeys keys, IOptions<LookupLimits> limits, IOptions<LookupCodeOptions> options, TimeProvider clock)
{
    /// <summary>What both doors say after every accepted request, case or no case.</summary>
    public const string SentText = "如果该案件编号存在且登记了联系电话，验证码已发送到该电话，请在有效期内输入。";

    private static readonly JsonSerializerOptions Json = new() { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.Create(System.Text.Unicode.UnicodeRanges.All) };

    /// <param name="CaseNumber">As on the receipt (case and spaces do not matter).</param>
    public sealed record Request(string? CaseNumber)
    {
        public string? ClientAddress { get; init; }

        public string Door { get; init; } = "api";
    }

    /// <param name="Sent">The accepted answer (whatever happened behind it); false: try after <paramref name="RetryAfter"/>.</param>
    public sealed record Answer(bool Sent, TimeSpan RetryAfter);

    public async Task<Outcome<Answer>> HandleAsync(Request request, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        var number = LookUpCase.Normalise(request.CaseNumber);
        var caseKey = keys.CaseNumber(number.Length <= LookUpCase.MaxCaseNumberLength ? number : number[..LookUpCase.MaxCaseNumberLength]);
        var record = new ResidentLookup
        {
            Id = Guid.CreateVersion7(now), At = now, CaseKey = caseKey, AddressHash = keys.Address(request.ClientAddress),
            Outcome = LookupOutcome.Limited, Door = request.Door is "page" ? "page" : "api",
        };
        db.ResidentLookups.Add(record);
        await db.SaveChangesAsync(ct);
        if (await LookUpCase.AddressLimitedAsync(db, record.AddressHash, now, limits.Value.PerAddressPerMinute, ct)) return new Answer(false, TimeSpan.FromMinutes(1));

        var error = LookUpCase.CaseNumberError(number);
        if (error is not null)
        {
            record.Outcome = LookupOutcome.Invalid;
            await db.SaveChangesAsync(ct);
            return Outcome.Invalid<Answer>("caseNumber", error);
        }

        var since = now - LookupCodes.Day;
        var requested = await db.ResidentLookups.AsNoTracking()
            .Where(x => x.CaseKey == caseKey && x.Outcome == LookupOutcome.CodeRequested && x.At > since && x.At <= now)
            .OrderByDescending(x => x.At).Select(x => x.At).Take(LookupCodes.MaxPerDay).ToListAsync(ct);
        if (LookupCodes.RetryAfter(requested, now) is { } wait) return new Answer(false, wait);

        record.Outcome = LookupOutcome.CodeRequested;
        var candidate = await db.Cases.AsNoTracking().Where(c => c.Number == number)
            .Select(c => new { c.Id, c.Number, c.ApplicantPhone, c.NoticesOptedOut, c.IntakeCommunityId }).SingleOrDefaultAsync(ct);
        record.CaseId = candidate?.Id;
        await db.SaveChangesAsync(ct);
        // No phone, or the resident asked for no messages: nothing is sent, and the answer is the same.
        if (candidate is null || string.IsNullOrWhiteSpace(candidate.ApplicantPhone) || candidate.NoticesOptedOut) return new Answer(true, TimeSpan.Zero);

        var minutes = options.Value.ValidMinutes;
        var code = LookupCodes.Generate();
        var row = await db.ResidentLookupCodes.SingleOrDefaultAsync(x => x.CaseId == candidate.Id, ct);
        if (row is null)
        {
            row = new ResidentLookupCode { CaseId = candidate.Id, Serial = 1, CodeHash = "" };
            db.ResidentLookupCodes.Add(row);
        }
        else
        {
            row.Serial++;
        }

        row.CodeHash = keys.Code(candidate.Id, row.Serial, code);
        row.IssuedAt = now;
        row.ExpiresAt = LookupCodes.ExpiresAt(now, minutes);
        row.Attempts = 0;
        row.UsedAt = null;
        var masked = LookupCodes.MaskCaseNumber(candidate.Number);
        db.ResidentNotices.Add(new ResidentNotice
        {
            Id = Guid.CreateVersion7(now),
            CaseId = candidate.Id,
            Sequence = row.Serial,
            Milestone = Milestone.LookupCode,
            CommunityId = candidate.IntakeCommunityId,
            Phone = candidate.ApplicantPhone,
            Text = LookupCodes.Text(masked, code, minutes),
            Parameters = JsonSerializer.Serialize(LookupCodes.Parameters(masked, code, minutes), Json),
            CreatedAt = now,
            Status = NoticeStatus.Pending,
            NextAttemptAt = now,
        });
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException e) when (e is DbUpdateConcurrencyException || e.Entries.Any(x => x.Entity is ResidentLookupCode or ResidentNotice))
        {
            // Another request for the same case sent a code in the same instant (first code: the key; later: the
            // serial). That one stands; this one sends nothing and answers the same.
            db.ChangeTracker.Clear();
        }

        return new Answer(true, TimeSpan.Zero);
    }
}
