using QRCoder;

namespace Tongban.Gateway.Residents;

/// <summary>A QR code as an inline SVG element, drawn on the server (no script, no image request, nothing remote).</summary>
public static class QrCodeSvg
{
    public static string Of(string text)
    {
        using var generator = new QRCodeGenerator();
        using var data = generator.CreateQrCode(text, QRCodeGenerator.ECCLevel.M);
        // A viewBox instead of fixed pixels: the stylesheet sizes it (on screen and on paper).
        var svg = new SvgQRCode(data).GetGraphic(new System.Drawing.Size(200, 200), "#000000", "#ffffff", drawQuietZones: true, SvgQRCode.SizingMode.ViewBoxAttribute);
        // The element only: no XML declaration inside HTML.
        var start = svg.IndexOf("<svg", StringComparison.Ordinal);
        return start > 0 ? svg[start..] : svg;
    }
}
