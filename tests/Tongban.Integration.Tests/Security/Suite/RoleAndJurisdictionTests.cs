using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Xunit.Abstractions;
using static Tongban.Testing.StaffClient;

namespace Tongban.Integration.Tests.Security.Suite;

/// <summary>
/// Every endpoint of the OpenAPI document that declares a 403, called by staff who must be refused: for a case
/// of 东门社区 → 河西乡, staff of other communities and townships (wrong jurisdiction) and the auditor and the
/// administrator (no post); for the other endpoints, the people outside the role they need. Each 403 or 404,
/// nothing written (beyond the audit record of the refusal). An endpoint this table does not classify fails the
/// test, so a new one cannot go unprobed.
/// </summary>
[Collection(SecuritySuite.Name)]
public sealed class RoleAndJurisdictionTests(SuiteCounty county, ITestOutputHelper output)
{
    private static readonly string[] CaseOutsiders = ["xijie.clerk", "xijie.specialist", "shiqiao.backoffice", "nanhu.head", "bureau.auditor", "county.admin"];

    // Path prefix → who must be refused there.
    private static readonly (string Prefix, string[] Outsiders)[] Others =
    [
        ("/api/audit", ["dongmen.clerk", "hexi.backoffice", "bureau.supervisor", "county.admin"]),
        ("/api/dead-letters", ["dongmen.clerk", "hexi.backoffice", "bureau.auditor"]),
        ("/api/calendars", ["dongmen.clerk", "bureau.supervisor", "bureau.auditor"]),
        ("/api/staff/", ["dongmen.clerk", "bureau.supervisor", "bureau.auditor"]),
        // Routes (publish, migration plans) and an item's route version are the county administrator's.
        ("/api/routes", ["dongmen.clerk", "hexi.backoffice", "bureau.supervisor", "bureau.auditor"]),
        ("/api/catalog", ["dongmen.clerk", "hexi.backoffice", "bureau.supervisor", "bureau.auditor"]),
        ("/api/posts/", ["xijie.clerk", "shiqiao.backoffice", "dongmen.specialist"]),
        ("/api/bureau", ["dongmen.clerk", "hexi.backoffice"]),
        ("/api/supervision", ["dongmen.clerk", "hexi.backoffice"]),
        ("/api/overdue", ["dongmen.clerk", "hexi.backoffice"]),
        ("/api/cases/overdue", ["dongmen.clerk", "hexi.backoffice"]),
        // Intake and consultations are the window's: nobody else opens a case or records a consultation.
        ("/api/cases", ["dongmen.specialist", "hexi.backoffice", "bureau.supervisor", "bureau.auditor", "county.admin"]),
        // A consultation is recorded at one's own post (any post); one of another community is not for others to read.
        ("POST /api/consultations", ["bureau.auditor", "county.admin"]),
        ("GET /api/consultations", ["xijie.clerk", "hexi.backoffice", "bureau.auditor"]),
        // A rectification item belongs to the unit that decided the case (probed with an item id that does not exist: 404).
        ("/api/rectifications", ["dongmen.clerk", "bureau.auditor"]),
        // Online requests are their community's (window, specialists): the list refuses staff without one; a request
        // of another community (probed with an id that does not exist: 404) is refused to everyone else.
        ("GET /api/requests", ["hexi.backoffice", "dongmen.grid1", "bureau.auditor", "county.admin"]),
        ("POST /api/requests", ["xijie.clerk", "hexi.backoffice", "dongmen.grid1", "bureau.auditor"]),
        // Collections are the grid workers'.
        ("/api/collections", ["dongmen.clerk", "dongmen.specialist", "hexi.backoffice", "bureau.auditor"]),
        // 预约上门: the days are published by the community's unit head (or the administrator); the community's visits
        // and the special-groups register are its staff's and unit head's only (PIPL §28) — probed for 东门社区.
        ("PUT /api/visits/slots", ["dongmen.clerk", "xijie.head", "hexi.backoffice", "bureau.supervisor"]),
        ("POST /api/visits", ["xijie.clerk", "nanhu.head", "hexi.backoffice", "bureau.supervisor", "county.admin"]),
        ("/api/visits", ["hexi.backoffice", "bureau.supervisor", "bureau.auditor", "county.admin"]),
        ("POST /api/special-groups", ["xijie.clerk", "nanhu.head", "hexi.backoffice", "bureau.supervisor", "county.admin"]),
        ("/api/special-groups", ["hexi.backoffice", "bureau.supervisor", "bureau.auditor", "county.admin"]),
        ("/api/proactive", ["hexi.backoffice", "bureau.supervisor", "bureau.auditor", "county.admin"]),
    ];

    // Not authority checks: login's 403 is "change your first password first".
    private static readonly string[] NotAuthority = ["/api/auth/"];

    private static readonly Dictionary<string, object> Bodies = new()
    {
        ["return-for-correction"] = new { missing = new[] { new { code = "ID", problem = "不清晰" } } },
        ["resubmit"] = new { materials = new[] { "ID" } },
        ["decide"] = new { approved = true, text = "准予" },
        ["deliver"] = new { method = "Window" },
        ["evaluate"] = new { level = 1 },
        // A branch task's opinion and a main-line step (decide) by step kind share the path's last segment.
        ["{stepKind}"] = new { agrees = true, approved = true, text = "同意" },
        ["extensions"] = new { workingDays = 5, reason = "需要补充调查" },
        ["decision"] = new { approve = true, note = "同意" },
        ["stop"] = new { procedure = "Hearing", reason = "听证" },
        ["materials"] = new { materials = new[] { "ID" } },
        ["second-correction-approvals"] = new { reason = "照片仍不合格" },
        ["personal-data"] = new { reason = "核对身份" },
        ["absences"] = new { from = "2027-05-03", to = "2027-05-04" },
        ["first-password"] = new { password = "Ein-Kennwort-2026" },
        ["cases"] = IntakeBody(),
        ["contact"] = new { note = "已电话联系申请人" },
        ["rectify"] = new { note = "已整改" },
        ["revisit"] = new { note = "已回访", satisfied = true },
        ["consultations"] = new { itemCode = "QS-MZ-001", channel = "InPerson" },
        ["call-back"] = new { outcome = "Answered" },
        ["collected"] = new { materials = new[] { "ID" } },
        ["slots"] = new { communityId = "dongmen", from = "2030-03-01", to = "2030-03-05", capacity = 3 },
        ["visits"] = new { communityId = "dongmen", name = "王奶奶", phone = "13800138001", address = "幸福路12号", reason = "高龄津贴", day = "2027-03-01", consent = true },
        ["special-groups"] = new { communityId = "dongmen", name = "赵德明", idNumber = ValidIdNumber, group = "Elderly", since = "2026-01-01", until = "2030-06-30" },
        ["view"] = new { reason = "核对身份信息" },
    };

    [Fact]
    public async Task Every_endpoint_with_authority_refuses_the_wrong_role_and_jurisdiction_with_nothing_written()
    {
        var doc = await county.OpenApiAsync();
        using var clerk = await county.LoginAsync("dongmen.clerk");
        var caseId = IdOf(await clerk.OpenCaseAsync());
        await clerk.WaitForStateAsync(caseId, "AtSpecialist");
        var consultation = await (await clerk.Http.PostAsJsonAsync("/api/consultations", new { itemCode = "QS-MZ-001", channel = "InPerson" })).Content.ReadFromJsonAsync<JsonObject>();
        var consultationId = consultation!["id"]!.GetValue<Guid>();
        var sessions = new Dictionary<string, StaffClient>();

        var rows = new List<SecurityFigures.Row>();
        var failures = new List<string>();
        foreach (var (path, item) in doc["paths"]!.AsObject())
        {
            foreach (var (method, operation) in item!.AsObject())
            {
                if (operation?["responses"]?["403"] is null || NotAuthority.Any(p => path.StartsWith(p, StringComparison.Ordinal))) continue;
                var outsiders = path.StartsWith("/api/cases/{id}", StringComparison.Ordinal)
                    ? CaseOutsiders
                    : Others.FirstOrDefault(o => path.StartsWith(o.Prefix, StringComparison.Ordinal) || $"{method.ToUpperInvariant()} {path}".StartsWith(o.Prefix, StringComparison.Ordinal)).Outsiders;
                if (outsiders is null)
                {
                    failures.Add($"{method.ToUpperInvariant()} {path}: not classified in this test");
                    rows.Add(new($"{method.ToUpperInvariant()} {path}", 1, 0, 1, 0, "not classified"));
                    continue;
                }

                var url = OversizedFieldsTests.Fill(path.Replace("/api/consultations/{id}", $"/api/consultations/{consultationId}", StringComparison.Ordinal), caseId);
                int correct = 0, wrong = 0, half = 0;
                foreach (var outsider in outsiders)
                {
                    if (!sessions.TryGetValue(outsider, out var who)) sessions[outsider] = who = await county.LoginAsync(outsider);
                    using var request = new HttpRequestMessage(new HttpMethod(method.ToUpperInvariant()), url);
                    if (method is "post" or "put") request.Content = JsonContent.Create(Bodies.GetValueOrDefault(path.Split('/')[^1]) ?? new { });
                    var before = await county.StateBeforeProbeAsync();
                    using var response = await who.Http.SendAsync(request);
                    if (await county.StateAfterProbeAsync() != before)
                    {
                        half++;
                        failures.Add($"{method} {path} as {outsider}: written");
                    }

                    if (response.StatusCode is HttpStatusCode.Forbidden or HttpStatusCode.NotFound) correct++;
                    else
                    {
                        wrong++;
                        failures.Add($"{method.ToUpperInvariant()} {path} as {outsider}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
                    }
                }

                rows.Add(new($"{method.ToUpperInvariant()} {path}", outsiders.Length, correct, wrong, half));
            }
        }

        output.WriteLine(SecurityFigures.Record("c. Wrong role and wrong jurisdiction (every endpoint declaring 403, from /openapi/v1.json)", rows));
        Assert.True(failures.Count == 0, string.Join("\n", failures));
        Assert.True(rows.Count >= 20, $"only {rows.Count} endpoints with authority found");
    }
}
