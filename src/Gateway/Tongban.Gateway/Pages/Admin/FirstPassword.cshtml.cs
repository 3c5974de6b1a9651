using Microsoft.AspNetCore.Mvc;
using Tongban.Gateway.Pages.Infrastructure;
using Tongban.UseCases;
using Tongban.UseCases.Accounts;

namespace Tongban.Gateway.Pages.Admin;

/// <summary>
/// 设置初始密码: the county administrator gives an account a one-time password (the <see cref="SetFirstPassword"/>
/// use case, the same as POST /api/staff/{username}/first-password); the account must change it at sign-in.
/// </summary>
public sealed class FirstPasswordModel(SetFirstPassword useCase) : StaffPage
{
    [BindProperty]
    public string? Username { get; set; }

    [BindProperty]
    public string? Password { get; set; }

    public Dictionary<string, string> FieldErrors { get; } = [];

    public string? Error { get; private set; }

    public IActionResult OnGet() => User.IsInRole(SetFirstPassword.AdministratorRole) ? Page() : Forbidden(SetFirstPassword.Refusal);

    public async Task<IActionResult> OnPostAsync()
    {
        if (string.IsNullOrWhiteSpace(Username))
        {
            FieldErrors["username"] = "请输入用户名。";
            return Page();
        }

        switch (await useCase.HandleAsync(new(Username.Trim(), Password), Me.Id, HttpContext.RequestAborted))
        {
            case Outcome<SetFirstPassword.Result>.Ok ok:
                SetFlash($"已为 {ok.Value.Username} 设置初始密码；该账号登录时须先修改密码。");
                return RedirectToPage();
            case Outcome<SetFirstPassword.Result>.Forbidden forbidden:
                return Forbidden(forbidden.Reason);
            case Outcome<SetFirstPassword.Result>.Invalid invalid:
                foreach (var (field, messages) in invalid.Errors) FieldErrors[field] = messages[0];
                Response.StatusCode = StatusCodes.Status400BadRequest;
                return Page();
            case Outcome<SetFirstPassword.Result>.NotFound notFound:
                FieldErrors["username"] = notFound.Reason;
                Response.StatusCode = StatusCodes.Status404NotFound;
                return Page();
            default:
                Error = "未能设置，请重试。";
                return Page();
        }
    }

    public string? ErrorOf(string field) => FieldErrors.GetValueOrDefault(field);
}
