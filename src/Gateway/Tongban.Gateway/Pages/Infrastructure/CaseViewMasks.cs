using Tongban.Workflows.Residents;

namespace Tongban.Gateway.Pages.Infrastructure;

/// <summary>The API's masking rules (first 6 + last 4; phones 3 + 4), for pages.</summary>
public static class CaseViewMasks
{
    public static string Id(string idNumber) => Gateway.Cases.CaseView.MaskId(idNumber);

    public static string Phone(string phone) => Gateway.Cases.CaseView.MaskPhone(phone);

    public static bool IsMasked(string value) => value.Contains(Mask.Hidden, StringComparison.Ordinal);
}
