using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Tongban.Workflows.Auditing;
using Tongban.Workflows.Runtime.Auditing;
using Tongban.Workflows.Runtime.Organisation;
using Tongban.Workflows.Runtime.Persistence;

namespace Tongban.UseCases.Accounts;

/// <summary>
/// The county administrator gives an account a one-time first password (an account loaded from the county file
/// has none; a forgotten password is reset the same way). The account must change it at its next sign-in before
/// it can do anything else, and every session it had ends. Administrators only; audited, refusals too.
/// </summary>
public sealed class SetFirstPassword(TongbanDbContext db, TimeProvider clock)
{
    public const string AdministratorRole = "Administrator";
    public const int UsernameMaxLength = 60;
    public const string Refusal = "只有系统管理员可以设置初始密码。";

    private static readonly PasswordHasher<Staff> Hasher = new();

    public sealed record Request(string Username, string? Password);

    public sealed record Result(string Username, bool MustChangePassword);

    public async Task<Outcome<Result>> HandleAsync(Request request, string actorId, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(request);
        var now = clock.GetUtcNow();
        var username = request.Username.Length <= UsernameMaxLength ? request.Username : request.Username[..UsernameMaxLength];
        var roles = await db.Staff.AsNoTracking().Where(s => s.Id == actorId).Select(s => s.Roles).SingleOrDefaultAsync(ct);
        if (roles?.Contains(AdministratorRole) != true)
        {
            AuditTrail.Append(db, new AuditEntry(now, actorId, AuditActions.FirstPassword, AuditSubjects.Staff(username), AuditOutcomes.Denied));
            await db.SaveChangesAsync(ct);
            return Outcome.Forbidden<Result>(Refusal);
        }

        var errors = new FieldErrors();
        if (request.Username.Length > UsernameMaxLength) errors.Add("username", $"用户名不超过 {UsernameMaxLength} 个字符。");
        PasswordPolicy.Check(errors, "password", request.Password, request.Username);
        if (errors.Any) return errors.Outcome<Result>();

        var staff = await db.Staff.SingleOrDefaultAsync(s => s.Id == username, ct);
        if (staff is null) return Outcome.NotFound<Result>("该账号不存在。");

        staff.PasswordHash = Hasher.HashPassword(staff, request.Password!);
        staff.MustChangePassword = true;
        // Whatever was signed in under this account before ends now.
        staff.SessionStamp = Guid.NewGuid().ToString("N");
        AuditTrail.Append(db, new AuditEntry(now, actorId, AuditActions.FirstPassword, AuditSubjects.Staff(username), AuditOutcomes.Ok));
        await db.SaveChangesAsync(ct);
        return new Result(staff.Id, true);
    }
}
