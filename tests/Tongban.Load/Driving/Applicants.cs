using System.Globalization;

namespace Tongban.Load.Driving;

/// <summary>Made-up residents with ID numbers that pass the GB 11643 check, one per case.</summary>
public static class Applicants
{
    private static readonly int[] Weights = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
    private const string CheckCharacters = "10X98765432";

    public static string IdNumber(int n)
    {
        var born = new DateOnly(1940, 1, 1).AddDays(n % 20000);
        var body = string.Create(CultureInfo.InvariantCulture, $"110105{born:yyyyMMdd}{n % 1000:D3}");
        var sum = body.Select((c, i) => (c - '0') * Weights[i]).Sum();
        return body + CheckCharacters[sum % 11];
    }

    public static string Phone(int n) => string.Create(CultureInfo.InvariantCulture, $"139{n % 100_000_000:D8}");

    public static string Name(int n) => $"压测居民{n}";
}
