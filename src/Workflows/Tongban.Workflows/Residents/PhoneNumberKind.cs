namespace Tongban.Workflows.Residents;

/// <summary>Whether a phone number is a mainland mobile (手机) or a fixed line (固定电话).</summary>
public enum PhoneNumberKind
{
    /// <summary>11-digit mainland mobile number.</summary>
    Mobile = 1,

    /// <summary>Fixed line: area code (区号) starting with 0, then a 7–8 digit local number.</summary>
    Landline = 2,
}
