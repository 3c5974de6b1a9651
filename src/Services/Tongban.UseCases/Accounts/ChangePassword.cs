using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Tongban.Workflows.Auditing;
using Tongban.Workflows.Runtime.Auditing;
using Tongban.Workflows.Runtime.Organisation;
using Tongban.Workflows.Runtime.Persistence;

namespace Tongban.UseCases.Accounts;

/// <summary>
/// A staff member replaces their password — the one-time first password an administrator set, or their own.
/// The caller has checked the current password (with the failed-login throttle, as a sign-in does); this sets
/// the new one under the policy, clears "must change" and ends the sessions signed in with the old one. Audited.
/// </summary>
public sealed class ChangePassword(TongbanDbContext db, TimeProvider clock)
{
    private static readonly PasswordHasher<Staff> Hasher = new();

    public sealed record Request(string Username, string CurrentPassword, string? NewPassword);

    public async Task<Outcome<bool>> HandleAsync(Request request, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(request);
        var errors = new FieldErrors();
        if (PasswordPolicy.Check(errors, "newPassword", request.NewPassword, request.Username) && request.NewPassword == request.CurrentPassword)
        {
            errors.Add("newPassword", "新密码不能与当前密码相同。");
        }

        if (errors.Any) return errors.Outcome<bool>();

        var staff = await db.Staff.SingleOrDefaultAsync(s => s.Id == request.Username, ct);
        if (staff is null) return Outcome.NotFound<bool>("该账号不存在。");
        staff.PasswordHash = Hasher.HashPassword(staff, request.NewPassword!);
        staff.MustChangePassword = false;
        staff.SessionStamp = Guid.NewGuid().ToString("N");
        AuditTrail.Append(db, new AuditEntry(clock.GetUtcNow(), staff.Id, AuditActions.PasswordChange, AuditSubjects.Staff(staff.Id), AuditOutcomes.Ok));
        await db.SaveChangesAsync(ct);
        return true;
    }
}
