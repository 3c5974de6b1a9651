using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Options;
using Tongban.Gateway.Pages.Infrastructure;
using Tongban.Gateway.Residents;
using Tongban.UseCases;
using Tongban.UseCases.Residents;

namespace Tongban.Gateway.Pages.Cases;

/// <summary>受理回执 through <see cref="GetReceipt"/>: the printable receipt the window hands the resident after intake.</summary>
public sealed class ReceiptModel(GetReceipt getReceipt, IOptions<ResidentOptions> residents) : StaffPage
{
    public GetReceipt.Receipt Receipt { get; private set; } = null!;

    /// <summary>The public lookup with this case's number filled in (also what the QR code holds).</summary>
    public string LookupUrl { get; private set; } = "";

    /// <summary>The lookup's address without the case number, for typing by hand.</summary>
    public string LookupAddress { get; private set; } = "";

    public string QrSvg { get; private set; } = "";

    public async Task<IActionResult> OnGetAsync(Guid id, CancellationToken ct)
    {
        switch (await getReceipt.HandleAsync(new(id), Me.Actor, ct))
        {
            case Outcome<GetReceipt.Receipt>.Ok { Value: var receipt }:
                Receipt = receipt;
                LookupUrl = PublicAddress.Lookup(Request, residents.Value, receipt.CaseNumber);
                LookupAddress = PublicAddress.Lookup(Request, residents.Value);
                QrSvg = QrCodeSvg.Of(LookupUrl);
                return Page();
            case Outcome<GetReceipt.Receipt>.Forbidden forbidden:
                return Forbidden(forbidden.Reason);
            default:
                return NotFoundPage();
        }
    }
}
