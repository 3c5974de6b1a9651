using System.Xml.Linq;
using Microsoft.AspNetCore.DataProtection.Repositories;
using Tongban.Workflows.Runtime.Persistence;

namespace Tongban.Gateway.Hosting;

/// <summary>
/// Keeps the data-protection key ring in the database, so login tokens survive restarts and every gateway
/// node of a distributed deployment accepts the others' tokens.
/// </summary>
public sealed class DbXmlRepository(IServiceScopeFactory scopes) : IXmlRepository
{
    public IReadOnlyCollection<XElement> GetAllElements()
    {
        using var scope = scopes.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<TongbanDbContext>();
        return [.. db.DataProtectionKeys.Select(k => k.Xml).AsEnumerable().Select(x => XElement.Parse(x))];
    }

    public void StoreElement(XElement element, string friendlyName)
    {
        using var scope = scopes.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<TongbanDbContext>();
        db.DataProtectionKeys.Add(new DataProtectionKey { FriendlyName = friendlyName, Xml = element.ToString(SaveOptions.DisableFormatting) });
        db.SaveChanges();
    }
}
