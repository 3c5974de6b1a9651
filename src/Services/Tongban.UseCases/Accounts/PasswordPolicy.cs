using Tongban.Workflows.Residents;

namespace Tongban.UseCases.Accounts;

/// <summary>What a staff password must be: 10 to 128 characters, no control or invisible characters, not the username.</summary>
public static class PasswordPolicy
{
    public const int MinLength = 10;
    public const int MaxLength = 128;

    /// <summary>Adds the error for <paramref name="field"/> if <paramref name="password"/> breaks the policy; returns whether it holds.</summary>
    public static bool Check(FieldErrors errors, string field, string? password, string username)
    {
        ArgumentNullException.ThrowIfNull(errors);
        if (password is null || password.Length < MinLength || password.Length > MaxLength)
        {
            errors.Add(field, $"密码须为 {MinLength} 至 {MaxLength} 个字符。");
            return false;
        }

        if (PersonName.HasHiddenCharacters(password, allowLineBreaks: false))
        {
            errors.Add(field, "密码不能含有控制字符、零宽字符或文字方向控制符。");
            return false;
        }

        if (string.Equals(password, username, StringComparison.OrdinalIgnoreCase))
        {
            errors.Add(field, "密码不能与用户名相同。");
            return false;
        }

        return true;
    }
}
