using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Tongban.Integration.Tests.Infrastructure;
using static Tongban.Testing.StaffClient;

namespace Tongban.Integration.Tests.Audit;

/// <summary>The full view of a resident's personal data: only with a reason, only in one's jurisdiction, always audited.</summary>
public sealed class PersonalDataViewTests : IAsyncLifetime
{
    private readonly EmbeddedApp _app = new();
    private StaffClient _clerk = null!;
    private Guid _case;

    public async Task InitializeAsync()
    {
        _clerk = await _app.LoginAsync("dongmen.clerk");
        _case = IdOf(await _clerk.OpenCaseAsync());
    }

    public async Task DisposeAsync() => await _app.DisposeAsync();

    private Task<HttpResponseMessage> ViewAsync(StaffClient who, object body) => who.Http.PostAsJsonAsync($"/api/cases/{_case}/personal-data", body);

    [Fact]
    public async Task A_full_view_needs_a_reason_of_4_to_200_characters()
    {
        foreach (var body in new object[] { new { }, new { reason = "  看看 " }, new { reason = new string('因', 201) } })
        {
            var response = await ViewAsync(_clerk, body);
            Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
            var errors = (await ProblemAsync(response))["errors"]!.AsObject();
            Assert.Contains("理由", errors["reason"]![0]!.GetValue<string>(), StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task A_full_view_returns_the_real_id_number_and_is_audited_with_the_reason()
    {
        var masked = await _clerk.GetCaseAsync(_case);
        Assert.DoesNotContain(ValidIdNumber, masked.ToJsonString(), StringComparison.Ordinal);

        var response = await ViewAsync(_clerk, new { reason = "申请人来电核对身份证号" });
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.True(response.Headers.CacheControl?.NoStore);
        var view = (await response.Content.ReadFromJsonAsync<JsonObject>())!;
        Assert.Equal(ValidIdNumber, view["idNumber"]!.GetValue<string>());
        Assert.Equal(ValidPhone, view["phone"]!.GetValue<string>());
        Assert.Equal("李大爷", view["name"]!.GetValue<string>());

        var record = Assert.Single(await AuditProbe.WaitForSealedAsync(_app, r => r.Action == "personal-data.view"));
        Assert.Equal(view["auditRecordId"]!.GetValue<Guid>(), record.Id);
        Assert.Equal(("dongmen.clerk", "ok", "申请人来电核对身份证号", _case), (record.ActorId, record.Outcome, record.Reason, record.CaseId));
        Assert.DoesNotContain(ValidIdNumber, record.Detail ?? "", StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_registration_township_may_view_but_staff_of_another_township_get_403_and_a_denied_record()
    {
        var hexi = await _app.LoginAsync("hexi.backoffice");
        Assert.Equal(HttpStatusCode.OK, (await ViewAsync(hexi, new { reason = "受理前核对申请人信息" })).StatusCode);

        var shiqiao = await _app.LoginAsync("shiqiao.backoffice");
        var refused = await ViewAsync(shiqiao, new { reason = "想看看这个人" });
        Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);
        Assert.DoesNotContain(ValidIdNumber, await refused.Content.ReadAsStringAsync(), StringComparison.Ordinal);

        var records = await AuditProbe.WaitForSealedAsync(_app, r => r.Action == "personal-data.view", count: 2);
        Assert.Contains(records, r => r.ActorId == "hexi.backoffice" && r.Outcome == "ok");
        var denied = Assert.Single(records, r => r.Outcome == "denied");
        Assert.Equal(("shiqiao.backoffice", "想看看这个人", _case), (denied.ActorId, denied.Reason, denied.CaseId));
    }

    [Fact]
    public async Task The_auditor_and_the_administrator_hold_no_post_and_cannot_view_personal_data()
    {
        foreach (var user in new[] { "bureau.auditor", "county.admin" })
        {
            var who = await _app.LoginAsync(user);
            Assert.Equal(HttpStatusCode.Forbidden, (await ViewAsync(who, new { reason = "例行检查个人信息" })).StatusCode);
        }

        Assert.Equal(2, (await AuditProbe.WaitForSealedAsync(_app, r => r.Action == "personal-data.view" && r.Outcome == "denied", count: 2)).Count);
    }
}
