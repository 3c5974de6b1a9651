using System.Text.Json.Nodes;
using Tongban.Workflows.Catalog;
using Tongban.Workflows.Routes;
using Tongban.Workflows.Tests.Calendars;
using Tongban.Workflows.Tests.Routes;

namespace Tongban.Workflows.Tests.Catalog;

/// <summary>The county's item catalogue (事项清单): the shipped file, the checks on edited files, and content hashing.</summary>
public class CatalogFileTests
{
    private static readonly Lazy<CatalogFile> Shipped = new(() => CatalogFile.Parse(ReadShipped()));

    private static string ReadShipped() => File.ReadAllText(Path.Combine(CalendarData.RepositoryRoot, "data", "catalog.json"));

    private static readonly Lazy<RouteLibrary> ShippedRoutes = new(() => RouteLibrary.FromFiles(
        RouteSamples.ShippedIds.Select(id => (RouteReference.FileName(id, 1), RouteSamples.ShippedText(id))), RouteSamples.Vocabulary));

    private static string Hash(ServiceItemSpec item) => CatalogFile.ContentHash(item, ShippedRoutes.Value.Find(item.Route)!);

    private static ServiceItemSpec ShippedItem(string name) => Assert.Single(Shipped.Value.Items, i => i.Name == name);

    [Fact]
    public void The_shipped_catalogue_has_the_pilots_twelve_items_and_nine_on_the_parallel_routes()
    {
        string[] expected =
        [
            "城乡居民参保登记", "常驻异地工作人员备案", "残疾人托养服务申请", "住院费用报销", "高龄津贴", "临时救助",
            "社保生存认证", "残疾人补贴", "独生子女光荣证", "求职登记", "城乡居民养老保险参保", "到龄领取养老金",
            "困难残疾人生活补贴和重度残疾人护理补贴", "残疾人辅助器具适配", "残疾人机动轮椅车燃油补贴", "最低生活保障申请", "特困人员救助供养",
            "低保边缘家庭认定", "重度残疾人单独施保", "门诊慢特病待遇认定", "失业登记",
        ];

        var items = Shipped.Value.Items;

        Assert.Equal(21, items.Count);
        Assert.Equal(expected.Order(StringComparer.Ordinal), items.Select(i => i.Name).Order(StringComparer.Ordinal));
        Assert.Equal(21, items.Select(i => i.Code).Distinct(StringComparer.Ordinal).Count());
        Assert.Equal(7, items.Count(i => i.Route is "disability-care@1" or "subsistence-allowance@1" or "joint-handling@1"));
        Assert.Equal("qingshan", Shipped.Value.County);
    }

    [Fact]
    public void Resident_insurance_registration_is_an_immediate_item()
    {
        var item = ShippedItem("城乡居民参保登记");

        Assert.Equal(ItemType.Immediate, item.ItemType);
        Assert.Equal(0, item.TimeLimitWorkingDays);
        Assert.All(item.Modes, mode => Assert.Equal(0, item.TimeLimitFor(mode)));
    }

    [Fact]
    public void Off_site_worker_filing_is_immediate_at_the_window_and_two_days_online()
    {
        var item = ShippedItem("常驻异地工作人员备案");

        Assert.Equal(ItemType.Immediate, item.ItemType);
        Assert.Equal(0, item.TimeLimitWorkingDays);
        Assert.Equal(0, item.TimeLimitFor(CaseMode.ProxyIntake));
        Assert.Equal(2, item.TimeLimitFor(CaseMode.OnlineEndToEnd));
    }

    [Fact]
    public void Disabled_care_service_application_takes_fifteen_working_days()
    {
        var item = ShippedItem("残疾人托养服务申请");

        Assert.Equal(ItemType.Promised, item.ItemType);
        Assert.Equal(15, item.TimeLimitWorkingDays);
        Assert.Equal(15, item.TimeLimitFor(CaseMode.ProxyIntake));
    }

    [Fact]
    public void Every_shipped_item_names_a_route_that_builds_a_definition()
    {
        Assert.Empty(Shipped.Value.RouteProblems(ShippedRoutes.Value));
        Assert.All(Shipped.Value.Items, item =>
        {
            var definition = RouteCompiler.Compile(ShippedRoutes.Value.Find(item.Route)!, item.Code, 1, RouteSamples.Vocabulary).DefinitionOrThrow();

            Assert.Equal(item.Code, definition.ItemCode);
            Assert.Equal(item.Route, $"{definition.Route}@1");
            Assert.Contains(definition.States, s => s.IsFinal);
            Assert.False(string.IsNullOrEmpty(definition.InitialState()));
        });
    }

    [Fact]
    public void Every_shipped_item_is_consistent_with_its_item_type()
    {
        Assert.All(Shipped.Value.Items, item =>
        {
            Assert.NotEmpty(item.Modes);
            Assert.NotEmpty(item.Materials);
            if (item.ItemType == ItemType.Immediate) Assert.Equal(0, item.TimeLimitWorkingDays);
            else Assert.True(item.TimeLimitWorkingDays > 0, $"{item.Name}: a promised item (承诺件) has a limit of at least one working day");
        });
    }

    // ---- Edited files with mistakes ----

    /// <summary>A small valid catalogue; each invalid case changes one thing in it.</summary>
    private static JsonObject ValidFile() => new()
    {
        ["county"] = "testshan",
        ["items"] = new JsonArray(Item("T-ONE"), Item("T-TWO")),
    };

    private static JsonObject Item(string code) => new()
    {
        ["code"] = code,
        ["name"] = "测试事项" + code,
        ["department"] = "县测试局",
        ["itemType"] = "Promised",
        ["timeLimitWorkingDays"] = 10,
        ["modes"] = new JsonArray("ProxyIntake"),
        ["route"] = "cross-jurisdiction@1",
        ["materials"] = new JsonArray(
            new JsonObject { ["code"] = "ID", ["name"] = "居民身份证" },
            new JsonObject { ["code"] = "FORM", ["name"] = "申请表", ["essential"] = true }),
    };

    private static JsonObject SecondItem(JsonObject file) => (JsonObject)file["items"]![1]!;

    private static FormatException AssertInvalid(JsonObject file, params string[] mentioned)
    {
        var error = Assert.Throws<FormatException>(() => CatalogFile.Parse(file.ToJsonString()));
        foreach (var text in mentioned)
        {
            Assert.Contains(text, error.Message, StringComparison.Ordinal);
        }

        return error;
    }

    [Fact]
    public void The_unchanged_test_file_is_valid()
    {
        var catalog = CatalogFile.Parse(ValidFile().ToJsonString());

        Assert.Equal("testshan", catalog.County);
        Assert.Equal(["T-ONE", "T-TWO"], catalog.Items.Select(i => i.Code));
        var first = catalog.Items[0];
        Assert.Equal(ItemType.Promised, first.ItemType);
        Assert.Equal([CaseMode.ProxyIntake], first.Modes);
        Assert.True(first.Materials[0].Essential); // essential unless said otherwise
        Assert.Equal(10, first.TimeLimitFor(CaseMode.OnlineEndToEnd)); // no override: the overall limit
    }

    [Fact]
    public void Duplicate_item_codes_are_refused()
    {
        var file = ValidFile();
        SecondItem(file)["code"] = "T-ONE";

        AssertInvalid(file, "T-ONE", "code");
    }

    [Fact]
    public void An_unknown_route_is_refused()
    {
        var file = ValidFile();
        SecondItem(file)["route"] = "teleport";

        AssertInvalid(file, "T-TWO", ".route");
    }

    [Theory]
    [InlineData(1)]
    [InlineData(5)]
    public void An_immediate_item_with_a_non_zero_limit_is_refused(int days)
    {
        var file = ValidFile();
        SecondItem(file)["itemType"] = "Immediate";
        SecondItem(file)["timeLimitWorkingDays"] = days;

        AssertInvalid(file, "T-TWO", ".timeLimitWorkingDays");
    }

    [Fact]
    public void An_immediate_item_with_limit_zero_is_accepted()
    {
        var file = ValidFile();
        SecondItem(file)["itemType"] = "Immediate";
        SecondItem(file)["timeLimitWorkingDays"] = 0;

        Assert.Equal(ItemType.Immediate, CatalogFile.Parse(file.ToJsonString()).Items[1].ItemType);
    }

    [Fact]
    public void A_negative_limit_is_refused()
    {
        var file = ValidFile();
        SecondItem(file)["timeLimitWorkingDays"] = -1;

        AssertInvalid(file, "T-TWO", ".timeLimitWorkingDays");
    }

    [Fact]
    public void An_item_without_materials_is_refused()
    {
        var file = ValidFile();
        SecondItem(file)["materials"] = new JsonArray();

        AssertInvalid(file, "T-TWO", ".materials");
    }

    [Fact]
    public void Duplicate_material_codes_in_an_item_are_refused()
    {
        var file = ValidFile();
        ((JsonArray)SecondItem(file)["materials"]!).Add(new JsonObject { ["code"] = "ID", ["name"] = "身份证复印件" });

        AssertInvalid(file, "T-TWO", ".materials");
    }

    [Fact]
    public void An_item_without_modes_is_refused()
    {
        var file = ValidFile();
        SecondItem(file)["modes"] = new JsonArray();

        AssertInvalid(file, "T-TWO", ".modes");
    }

    [Fact]
    public void A_blank_name_is_refused()
    {
        var file = ValidFile();
        SecondItem(file)["name"] = " ";

        AssertInvalid(file, "T-TWO", ".name");
    }

    [Theory]
    [InlineData("qs-rs-001")] // lower case
    [InlineData("QS")] // too short
    [InlineData("QS RS 001")] // spaces
    [InlineData("QS_RS_001")] // underscore
    [InlineData("事项-001")]
    public void A_code_outside_the_pattern_is_refused(string code)
    {
        var file = ValidFile();
        SecondItem(file)["code"] = code;

        AssertInvalid(file, code, ".code");
    }

    [Fact]
    public void Every_problem_in_the_file_is_reported_at_once()
    {
        var file = ValidFile();
        ((JsonObject)file["items"]![0]!)["route"] = "teleport";
        SecondItem(file)["materials"] = new JsonArray();

        var error = AssertInvalid(file, "T-ONE", ".route", "T-TWO", ".materials");

        Assert.DoesNotContain("(T-ONE).materials", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("(T-TWO).route", error.Message, StringComparison.Ordinal);
    }

    // ---- Content hash: a new catalogue version only when an item's content changes ----

    [Fact]
    public void The_content_hash_of_an_item_is_stable()
    {
        var once = CatalogFile.Parse(ReadShipped());
        var again = CatalogFile.Parse(ReadShipped());

        for (var i = 0; i < once.Items.Count; i++)
        {
            Assert.Equal(Hash(once.Items[i]), Hash(again.Items[i]));
            Assert.Equal(Hash(once.Items[i]), Hash(once.Items[i] with { }));
        }

        Assert.Equal(once.Items.Count, once.Items.Select(Hash).Distinct(StringComparer.Ordinal).Count());
    }

    [Fact]
    public void The_content_hash_changes_when_a_material_changes()
    {
        var item = ShippedItem("高龄津贴");
        var hash = Hash(item);

        var renamed = item with { Materials = [item.Materials[0] with { Name = item.Materials[0].Name + "（新）" }, .. item.Materials.Skip(1)] };
        var deferrable = item with { Materials = [item.Materials[0] with { Essential = !item.Materials[0].Essential }, .. item.Materials.Skip(1)] };
        var dropped = item with { Materials = [.. item.Materials.Skip(1)] };
        var added = item with { Materials = [.. item.Materials, new MaterialSpec("EXTRA", "补充材料")] };

        Assert.NotEqual(hash, Hash(renamed));
        Assert.NotEqual(hash, Hash(deferrable));
        Assert.NotEqual(hash, Hash(dropped));
        Assert.NotEqual(hash, Hash(added));
    }

    [Fact]
    public void The_content_hash_changes_when_a_limit_changes()
    {
        var item = ShippedItem("高龄津贴");
        var hash = Hash(item);

        var longer = item with { TimeLimitWorkingDays = item.TimeLimitWorkingDays + 1 };
        var onlineOverride = item with { TimeLimitByMode = new Dictionary<CaseMode, int> { [CaseMode.OnlineEndToEnd] = 3 } };
        var stage = item with { StageLimits = new Dictionary<string, int>(item.StageLimits) { ["signFor"] = 7 } };

        Assert.NotEqual(hash, Hash(longer));
        Assert.NotEqual(hash, Hash(onlineOverride));
        Assert.NotEqual(hash, Hash(stage));
    }

    [Fact]
    public void The_content_hash_covers_the_route_so_a_changed_route_file_makes_new_item_versions()
    {
        var item = ShippedItem("高龄津贴");
        var route = ShippedRoutes.Value.Find(item.Route)!;
        var hash = CatalogFile.ContentHash(item, route);

        var relabelled = route with { Nodes = [.. route.Nodes.Select(n => n.Id == "Handling" ? n with { Label = "审核办理中" } : n)] };
        var reformatted = RouteFile.Parse(RouteSamples.ShippedText("cross-jurisdiction").Replace("\n", "\n    ", StringComparison.Ordinal));

        Assert.NotEqual(hash, CatalogFile.ContentHash(item, relabelled));
        Assert.Equal(hash, CatalogFile.ContentHash(item, reformatted));
    }

    [Fact]
    public void An_item_on_a_missing_or_not_yet_executable_route_is_refused_naming_the_node()
    {
        // A county department on the main line (the case's own state) is not executable: departments give opinions in branches.
        var notExecutable = RouteSamples.ParallelJson();
        notExecutable.NodeOf("Handling")["participant"] = "department:mzj";
        var routes = RouteLibrary.FromFiles([("cross-jurisdiction.v1.json", RouteSamples.ShippedText("cross-jurisdiction")), ("parallel-opinion.v1.json", notExecutable.ToJsonString())], RouteSamples.Vocabulary);
        var file = ValidFile();
        ((JsonObject)file["items"]![0]!)["route"] = "cross-jurisdiction@2";
        SecondItem(file)["route"] = "parallel-opinion@1";

        var problems = CatalogFile.Parse(file.ToJsonString()).RouteProblems(routes);

        Assert.Contains(problems, p => p.StartsWith("items (T-ONE).route: no route cross-jurisdiction@2", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.Contains("(T-TWO).route parallel-opinion@1: node Handling: participant department:mzj works in assisting branches", StringComparison.Ordinal));
    }

    [Fact]
    public void A_missing_required_field_or_unknown_enum_value_is_a_format_error_naming_the_path()
    {
        var file = ValidFile();
        SecondItem(file).Remove("materials");
        AssertInvalid(file, "catalogue", "materials");

        var badMode = ValidFile();
        SecondItem(badMode)["modes"] = new JsonArray("Teleport");
        AssertInvalid(badMode, "$.items[1].modes");
    }

    [Fact]
    public void A_null_item_or_material_is_refused_not_crashed_on()
    {
        var file = ValidFile();
        file["items"]!.AsArray().Add(null);
        AssertInvalid(file, "items[2]: null");

        var nullMaterial = ValidFile();
        SecondItem(nullMaterial)["materials"]!.AsArray().Add(null);
        AssertInvalid(nullMaterial, "(T-TWO).materials");
    }

    [Fact]
    public void A_per_mode_limit_must_be_non_negative_and_for_an_allowed_mode()
    {
        var negative = ValidFile();
        SecondItem(negative)["timeLimitByMode"] = new JsonObject { ["ProxyIntake"] = -3 };
        AssertInvalid(negative, "(T-TWO).timeLimitByMode.ProxyIntake: must be 0 or more");

        var otherMode = ValidFile();
        SecondItem(otherMode)["timeLimitByMode"] = new JsonObject { ["OnlineEndToEnd"] = 2 };
        AssertInvalid(otherMode, "(T-TWO).timeLimitByMode.OnlineEndToEnd: the item does not allow this mode");
    }

    [Fact]
    public void A_negative_stage_limit_is_refused()
    {
        var file = ValidFile();
        SecondItem(file)["stageLimits"] = new JsonObject { ["signFor"] = -1 };
        AssertInvalid(file, "(T-TWO).stageLimits.signFor");
    }

    [Fact]
    public void Eligibility_hints_are_data_and_an_item_without_one_keeps_its_content_hash()
    {
        Assert.Equal(80, ShippedItem("高龄津贴").Eligibility!.MinAge);
        Assert.Equal([Tongban.Workflows.Residents.SpecialGroup.Disabled], ShippedItem("残疾人补贴").Eligibility!.AnyOfGroups);
        var plain = ShippedItem("求职登记");
        Assert.Null(plain.Eligibility);
        // Absent from the JSON the hash is computed over, so adding the field gave no item without a hint a new version.
        Assert.DoesNotContain("eligibility", System.Text.Json.JsonSerializer.Serialize(plain, CatalogFile.Json), StringComparison.OrdinalIgnoreCase);
        Assert.NotEqual(Hash(ShippedItem("高龄津贴")), Hash(ShippedItem("高龄津贴") with { Eligibility = null }));
    }

    [Fact]
    public void A_hint_without_a_condition_or_with_an_impossible_age_is_refused()
    {
        var json = ReadShipped();
        var noCondition = json.Replace("\"eligibility\": { \"minAge\": 80,", "\"eligibility\": {", StringComparison.Ordinal);
        Assert.NotEqual(json, noCondition);
        Assert.Contains("eligibility: give minAge or anyOfGroups", Assert.Throws<FormatException>(() => CatalogFile.Parse(noCondition)).Message, StringComparison.Ordinal);
        var impossible = json.Replace("\"minAge\": 80", "\"minAge\": 200", StringComparison.Ordinal);
        Assert.Contains("eligibility.minAge", Assert.Throws<FormatException>(() => CatalogFile.Parse(impossible)).Message, StringComparison.Ordinal);
    }
}
