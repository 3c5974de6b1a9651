using static Tongban.Testing.StaffClient;

namespace Tongban.Browser.Tests.Infrastructure;

/// <summary>Sets cases up through the HTTP API (faster than the pages where the pages are not what is tested).</summary>
public static class ApiSetup
{
    public const string IdNumber = ValidIdNumber;

    public sealed record OpenedCase(Guid Id, string Number);

    public static Task ActAsync(HttpClient staff, Guid caseId, string action) => new StaffClient(staff, "staff").DoAsync(caseId, action);

    /// <summary>Intake at 东门社区 and forward by its specialist: the case waits for the township to sign for it.</summary>
    public static async Task<OpenedCase> AtTownshipAsync(GatewayServer server, string township, string itemCode = "QS-MZ-001", string[]? materials = null, string[]? deferred = null)
    {
        using var clerk = await server.LoginAsync("dongmen.clerk");
        using var specialist = await server.LoginAsync("dongmen.specialist");
        var opened = await clerk.OpenCaseAsync(IntakeBody(itemCode, township, materials, applicant: "张秀英", deferred: deferred));
        var id = IdOf(opened);
        await specialist.WaitForStateAsync(id, "AtSpecialist");
        await specialist.DoAsync(id, "forward");
        await specialist.WaitForStateAsync(id, "AwaitingSignFor");
        return new OpenedCase(id, opened["number"]!.GetValue<string>());
    }
}
