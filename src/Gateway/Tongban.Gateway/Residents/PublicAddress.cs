namespace Tongban.Gateway.Residents;

/// <summary>Configuration <c>Residents:*</c>: how residents reach the public pages.</summary>
public sealed class ResidentOptions
{
    /// <summary>
    /// The address the county publishes for residents (e.g. https://tongban.qingshan.gov.cn), printed on the
    /// receipt and in its QR code. Unset, the address the request came in on is used (fine for the demo; a window
    /// on the county intranet should set the public one).
    /// </summary>
    public string? PublicBaseUrl { get; set; }
}

/// <summary>The public lookup's address as printed on a receipt, with the case number filled in.</summary>
public static class PublicAddress
{
    public const string LookupPath = "/lookup";

    public static string Lookup(HttpRequest request, ResidentOptions options, string? caseNumber = null)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(options);
        var root = options.PublicBaseUrl is { Length: > 0 } configured ? configured.TrimEnd('/') : $"{request.Scheme}://{request.Host}";
        return caseNumber is null ? root + LookupPath : $"{root}{LookupPath}?case={Uri.EscapeDataString(caseNumber)}";
    }
}
