using System.Security.Cryptography;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Tongban.Workflows.Cases;
using Tongban.Workflows.Definitions;
using Tongban.Workflows.Residents;
using Tongban.Workflows.Runtime.Catalog;
using Tongban.Workflows.Runtime.Clocks;
using Tongban.Workflows.Runtime.Persistence;
using Tongban.Workflows.Runtime.Residents;

namespace Tongban.UseCases.Residents;

/// <summary>
/// 办件进度查询, anonymous, from the public page /lookup or POST /api/public/lookup: the case number and the last
/// six characters of the applicant's ID number — or a one-time code sent to the phone on file
/// (<see cref="RequestLookupCode"/>) — show where the case is in plain words, what happens next and by when,
/// everything to bring if a correction is needed, and where to pick up the result.
/// </summary>
/// <remarks>
/// An unknown case and a wrong ID part get the same answer (<see cref="Result.NoMatch"/>) after the same work: the
/// case is read by number either way and the six characters are compared in constant time against the case's or a
/// dummy. Limits (<see cref="LookupLimits"/>): per client address per minute, and per case number per hour of wrong
/// answers — after that every answer for it, the right one too, is <see cref="Result.TryLater"/>, so the limit says
/// nothing either. A code is checked by <see cref="LookupCodes.Check"/> against the keyed hash of the case's current
/// code (or a dummy); a wrong, expired, used or exhausted code answers <see cref="Result.NoMatch"/> and counts like a
/// wrong ID part; a right one is used up in a conditional update, so it answers once. Every attempt is recorded in <c>resident_lookups</c> first (outcome, keyed hashes, never the ID
/// characters), and the address limit counts those rows, so it holds across nodes and restarts.
/// </remarks>
public sealed class LookUpCase(TongbanDbContext db, ItemVersionCache items, LookupKeys keys, IOptions<LookupLimits> limits, IOptions<TimeLimitOptions> timeLimits, TimeProvider clock)
{
    public const int MaxCaseNumberLength = 32;
    public const int IdTailLength = 6;
    public const int CodeLength = LookupCodes.Length;

    /// <summary>What both doors say for an unknown case and for a wrong ID part alike.</summary>
    public const string NoMatchText = "未查到相符的办件。请核对受理回执上的案件编号和申请人身份证号码后六位后重试。";

    public const string TryLaterText = "查询次数过多，请稍后再试。如有疑问，请联系受理窗口。";

    // Compared against when no case has the number, so that both paths compare six characters.
    private static readonly byte[] DummyTail = "000000"u8.ToArray();

    // Compared against when the case has no code, so that every code path compares one hash.
    private static readonly string DummyCodeHash = new('0', 64);

    /// <param name="CaseNumber">As on the receipt, e.g. QS20261127-3F9A2C81D0 (case and spaces do not matter).</param>
    /// <param name="IdTail">The last six characters of the applicant's ID number (X may be lower case).</param>
    /// <param name="Code">Instead of <paramref name="IdTail"/>: the six-digit code sent to the phone on file.</param>
    public sealed record Request(string? CaseNumber, string? IdTail, string? Code = null)
    {
        /// <summary>The client's address as the door saw it (hashed before it is stored).</summary>
        public string? ClientAddress { get; init; }

        /// <summary>"page" or "api", for the record.</summary>
        public string Door { get; init; } = "api";
    }

    public enum Result
    {
        Found,
        NoMatch,
        TryLater,
    }

    /// <param name="Progress">Only when <see cref="Result.Found"/>.</param>
    public sealed record Answer(Result Result, CaseProgress? Progress);

    /// <summary>What the resident sees: the masked name only, no ID or phone number, nothing about the decision's content.</summary>
    public sealed record CaseProgress(
        string CaseNumber,
        string ItemName,
        string Applicant,
        DateOnly AcceptedOn,
        ProgressStep Step,
        string Where,
        string Next,
        string? By,
        IReadOnlyList<ThingToBring> ToBring,
        string PickUp);

    public async Task<Outcome<Answer>> HandleAsync(Request request, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        var number = Normalise(request.CaseNumber);
        var caseKey = keys.CaseNumber(number.Length <= MaxCaseNumberLength ? number : number[..MaxCaseNumberLength]);
        var record = new ResidentLookup
        {
            Id = Guid.CreateVersion7(now), At = now, CaseKey = caseKey, AddressHash = keys.Address(request.ClientAddress),
            Outcome = LookupOutcome.Limited, Door = request.Door is "page" ? "page" : "api",
        };

        // Recorded (as limited) before anything is counted or read: parallel attempts see each other, so a burst
        // can only be refused more, never let through more.
        db.ResidentLookups.Add(record);
        await db.SaveChangesAsync(ct);
        if (await LimitedAsync(record, now, ct)) return new Answer(Result.TryLater, null);

        var errors = new FieldErrors();
        if (CaseNumberError(number) is { } numberError) errors.Add("caseNumber", numberError);

        var byCode = !string.IsNullOrWhiteSpace(request.Code);
        var tail = (request.IdTail ?? "").Trim().ToUpperInvariant();
        string? code = null;
        if (byCode && !string.IsNullOrWhiteSpace(request.IdTail)) errors.Add("code", "身份证号码后六位和验证码只填其中一项。");
        else if (byCode && (code = LookupCodes.Normalise(request.Code)) is null) errors.Add("code", "请输入短信收到的 6 位数字验证码。");
        else if (!byCode && (tail.Length != IdTailLength || !tail.All(c => char.IsAsciiDigit(c) || c == 'X'))) errors.Add("idTail", "请输入申请人身份证号码的后六位（数字，最后一位可能是 X）。");
        if (errors.Any)
        {
            await SaveOutcomeAsync(record, LookupOutcome.Invalid, null, ct);
            return errors.Outcome<Answer>();
        }

        var candidate = await db.Cases.AsNoTracking().Where(c => c.Number == number).Select(c => new { c.Id, c.ApplicantIdNumber }).SingleOrDefaultAsync(ct);
        var matched = code is not null
            ? await CodeMatchesAsync(candidate?.Id, code, now, ct)
            : CryptographicOperations.FixedTimeEquals(
                candidate is null ? DummyTail : Encoding.ASCII.GetBytes(candidate.ApplicantIdNumber[^IdTailLength..].ToUpperInvariant()),
                Encoding.ASCII.GetBytes(tail)) & candidate is not null;
        if (!matched)
        {
            await SaveOutcomeAsync(record, LookupOutcome.NoMatch, candidate?.Id, ct);
            return new Answer(Result.NoMatch, null);
        }

        var progress = await ProgressAsync(candidate!.Id, ct);
        await SaveOutcomeAsync(record, LookupOutcome.Found, candidate.Id, ct);
        return new Answer(Result.Found, progress);
    }

    /// <summary>
    /// Whether the typed code is the case's current one and may be used now; if so it is used up, and either way a
    /// counted attempt is spent — both in one conditional update, so parallel tries cannot exceed the attempts or
    /// use a code twice.
    /// </summary>
    private async Task<bool> CodeMatchesAsync(Guid? caseId, string code, DateTimeOffset now, CancellationToken ct)
    {
        var row = caseId is null ? null : await db.ResidentLookupCodes.AsNoTracking().SingleOrDefaultAsync(x => x.CaseId == caseId, ct);
        var typed = Encoding.ASCII.GetBytes(keys.Code(caseId ?? Guid.Empty, row?.Serial ?? 0, code));
        var matches = CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(row?.CodeHash ?? DummyCodeHash), typed);
        var verdict = LookupCodes.Check(row?.State, now, matches);
        if (row is null || !LookupCodes.SpendsAttempt(verdict)) return false;

        var spendable = db.ResidentLookupCodes.Where(x => x.CaseId == row.CaseId && x.Serial == row.Serial && x.UsedAt == null && x.Attempts < LookupCodes.MaxAttempts && x.ExpiresAt > now);
        if (verdict != CodeVerdict.Accepted)
        {
            await spendable.ExecuteUpdateAsync(s => s.SetProperty(x => x.Attempts, x => x.Attempts + 1), ct);
            return false;
        }

        DateTimeOffset? usedAt = now;
        return await spendable.ExecuteUpdateAsync(s => s.SetProperty(x => x.Attempts, x => x.Attempts + 1).SetProperty(x => x.UsedAt, usedAt), ct) == 1;
    }

    /// <summary>The per-address limit both public lookup calls share: attempts (any outcome) from one address in the last minute.</summary>
    internal static async Task<bool> AddressLimitedAsync(TongbanDbContext db, string addressHash, DateTimeOffset now, int perMinute, CancellationToken ct)
    {
        var minuteAgo = now.AddMinutes(-1);
        return await db.ResidentLookups.CountAsync(x => x.AddressHash == addressHash && x.At > minuteAgo && x.At <= now, ct) > perMinute;
    }

    /// <summary>Why the typed (normalised) case number cannot be one, or null.</summary>
    internal static string? CaseNumberError(string number) =>
        number.Length == 0 || number.Length > MaxCaseNumberLength || !number.All(c => char.IsAsciiLetterOrDigit(c) || c == '-')
            ? "请输入受理回执上的案件编号（字母、数字和“-”）。"
            : null;

    private async Task<bool> LimitedAsync(ResidentLookup record, DateTimeOffset now, CancellationToken ct)
    {
        var l = limits.Value;
        if (await AddressLimitedAsync(db, record.AddressHash, now, l.PerAddressPerMinute, ct)) return true;
        var hourAgo = now.AddHours(-1);
        var wrong = await db.ResidentLookups.CountAsync(x => x.CaseKey == record.CaseKey && x.Outcome == LookupOutcome.NoMatch && x.At > hourAgo && x.At <= now, ct);
        return wrong >= l.WrongPerCasePerHour;
    }

    private async Task SaveOutcomeAsync(ResidentLookup record, LookupOutcome outcome, Guid? caseId, CancellationToken ct)
    {
        record.Outcome = outcome;
        record.CaseId = caseId;
        await db.SaveChangesAsync(ct);
    }

    private async Task<CaseProgress> ProgressAsync(Guid caseId, CancellationToken ct)
    {
        var c = await db.Cases.AsNoTracking().SingleAsync(x => x.Id == caseId, ct);
        var item = await items.GetAsync(db, c.ItemVersionId, ct);
        var names = item.Spec.Materials.ToDictionary(m => m.Code, m => m.Name, StringComparer.Ordinal);
        string NameOf(string code) => names.TryGetValue(code, out var name) ? name : code;
        var places = await db.Jurisdictions.AsNoTracking().Where(j => j.Id == c.IntakeCommunityId || j.Id == c.RegistrationTownshipId).ToDictionaryAsync(j => j.Id, j => j.Name, ct);
        var o = timeLimits.Value;
        var awaitedJurisdictions = await db.CaseTasks.AsNoTracking()
            .Where(t => t.CaseId == c.Id && (t.Status == BranchTaskStatus.InTransit || t.Status == BranchTaskStatus.Open)).Select(t => t.JurisdictionId).ToListAsync(ct);
        var awaited = await db.Jurisdictions.AsNoTracking().Where(j => awaitedJurisdictions.Contains(j.Id)).Select(j => j.Name).ToListAsync(ct);
        var progress = ResidentProgress.Of(item.Definition, new ProgressFacts
        {
            State = c.State,
            CommunityName = places.GetValueOrDefault(c.IntakeCommunityId, c.IntakeCommunityId),
            TownshipName = places.GetValueOrDefault(c.RegistrationTownshipId, c.RegistrationTownshipId),
            ClockStopped = c.ClockStoppedAt is not null,
            DueDate = c.OverallDueAt is { } due ? CountyDates.DateOf(due, o) : null,
            DueProvisional = c.OverallProvisional,
            Missing = [.. c.MissingMaterials.Select(m => new ThingToBring(NameOf(m.Code), m.Problem))],
            Deferred = [.. c.DeferredMaterials.Select(NameOf)],
            PromiseDate = c.PromiseDueAt is { } promise ? CountyDates.DateOf(promise, o) : null,
            DeliveredBy = c.DeliveryMethod,
            AwaitedUnits = awaited,
            WaitUntil = c.WaitUntil is { } wait ? CountyDates.DateOf(wait, o) : null,
            Decided = c.Approved is not null,
        });
        return new CaseProgress(c.Number, item.Spec.Name, Mask.Name(c.ApplicantName), CountyDates.DateOf(c.OpenedAt, o),
            progress.Step, progress.Where, progress.Next, progress.By, progress.ToBring, progress.PickUp);
    }

    internal static string Normalise(string? number) =>
        new string((number ?? "").Where(c => !char.IsWhiteSpace(c)).ToArray()).ToUpperInvariant();
}
