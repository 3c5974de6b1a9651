using System.Text.Json;

namespace Tongban.Integration.Tests.Infrastructure;

public static class JsonExtensions
{
    public static readonly JsonSerializerOptions Web = new(JsonSerializerDefaults.Web);
}
