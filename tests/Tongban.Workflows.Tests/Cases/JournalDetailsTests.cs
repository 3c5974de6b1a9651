using System.Text.Json;
using Tongban.Workflows.Cases;
using Tongban.Workflows.Catalog;
using Tongban.Workflows.Clocks;

namespace Tongban.Workflows.Tests.Cases;

/// <summary>
/// Journal details keep the JSON the journal has always held (the page and existing rows read it by key), and
/// read back as the typed records.
/// </summary>
public class JournalDetailsTests
{
    public static TheoryData<ActionInput> Inputs => new()
    {
        new ActionInput.ReturnForCorrection([new MissingMaterial("ID", "已过期"), new MissingMaterial("PHOTO", "缺少")]),
        new ActionInput.Resubmit(["PHOTO"]),
        new ActionInput.Decide(false, "不符合条件"),
        new ActionInput.Deliver(DeliveryMethod.Post),
        new ActionInput.Evaluate(5),
    };

    [Theory]
    [MemberData(nameof(Inputs))]
    public void A_route_steps_detail_is_written_as_its_input_always_was(ActionInput input)
    {
        var before = JsonSerializer.Serialize<object>(input, CatalogFile.Json);

        Assert.Equal(before, JournalDetails.Write(JournalDetails.Of(input)));
    }

    [Fact]
    public void Detail_json_uses_the_key_names_the_case_page_reads()
    {
        Assert.Equal("""{"missing":[{"code":"ID","problem":"已过期"}]}""", Unescaped(new CorrectionListDetail([new("ID", "已过期")])));
        Assert.Equal("""{"approved":true,"text":"准予"}""", Unescaped(new DecisionDetail(true, "准予")));
        Assert.Equal("""{"method":"Home"}""", Unescaped(new DeliveryDetail(DeliveryMethod.Home)));
        Assert.Equal("""{"level":4}""", Unescaped(new EvaluationDetail(4)));
        Assert.Equal("""{"materials":["PHOTO"]}""", Unescaped(new MaterialsSuppliedDetail(["PHOTO"])));
        Assert.Equal("""{"procedure":"Appraisal","reason":"鉴定"}""", Unescaped(new ClockStoppedDetail(SpecialProcedure.Appraisal, "鉴定")));
        Assert.Equal("""{"workingDays":5,"reason":"调查"}""", Unescaped(new ExtensionRequestedDetail(5, "调查")));
        Assert.Equal("""{"requestId":"0195f1a0-0000-7000-8000-0000000000e1","approve":false,"note":null}""", Unescaped(new ExtensionDecidedDetail(Guid.Parse("0195f1a0-0000-7000-8000-0000000000e1"), false, null)));
    }

    [Fact]
    public void Rows_written_before_the_typed_records_read_as_them()
    {
        Assert.Equal(new ClockStoppedDetail(SpecialProcedure.SiteSurvey, "现场"), JournalDetails.Read(CaseAction.StopClock, """{"procedure":"SiteSurvey","reason":"现场"}"""));
        Assert.Equal(ClockStop.SiteSurvey, ((ClockStoppedDetail)JournalDetails.Read(CaseAction.StopClock, """{"procedure":"SiteSurvey","reason":"现场"}""")!).Stop);
        var correction = Assert.IsType<CorrectionListDetail>(JournalDetails.Read(CaseAction.ReturnForCorrection, """{"missing":[{"code":"ID","problem":"已过期"}]}"""));
        Assert.Equal([new MissingMaterial("ID", "已过期")], correction.Missing);
        Assert.Equal(new DecisionDetail(true, "准予"), JournalDetails.Read(CaseAction.Decide, """{"approved":true,"text":"准予"}"""));
        Assert.Equal(["PHOTO"], Assert.IsType<MaterialsSuppliedDetail>(JournalDetails.Read(CaseAction.SupplyMaterials, """{"materials":["PHOTO"]}""")).Materials);
        Assert.Null(JournalDetails.Read(CaseAction.ResumeClock, null));
        Assert.Null(JournalDetails.Read(CaseAction.SignFor, null));
    }

    [Fact]
    public void Every_detail_reads_back_as_it_was_written()
    {
        JournalDetail[] details =
        [
            new ClockResumedDetail(ClockStop.Hearing),
            new ExtensionDecidedDetail(Guid.Parse("0195f1a0-0000-7000-8000-0000000000e1"), true, "同意"),
            new ExtensionRequestedDetail(3, "调查"),
            new EvaluationDetail(2),
            new DeliveryDetail(DeliveryMethod.Window),
        ];
        CaseAction[] actions = [CaseAction.ResumeClock, CaseAction.DecideExtension, CaseAction.RequestExtension, CaseAction.Evaluate, CaseAction.Deliver];

        for (var i = 0; i < details.Length; i++)
        {
            Assert.Equal(details[i], JournalDetails.Read(actions[i], JournalDetails.Write(details[i])));
        }
    }

    [Theory]
    [InlineData(ClockStop.Correction, "补正")]
    [InlineData(ClockStop.Appraisal, "鉴定")]
    [InlineData(ClockStop.SiteSurvey, "现场勘验")]
    public void A_clock_stop_is_stored_as_the_label_the_column_always_held(ClockStop stop, string label)
    {
        Assert.Equal(label, ClockStops.Label(stop));
        Assert.Equal(stop, ClockStops.FromLabel(label));
    }

    [Fact]
    public void Every_clock_stop_round_trips_through_its_label_and_only_correction_is_not_a_special_procedure()
    {
        foreach (var stop in Enum.GetValues<ClockStop>()) Assert.Equal(stop, ClockStops.FromLabel(ClockStops.Label(stop)));
        foreach (var procedure in Enum.GetValues<SpecialProcedure>()) Assert.True(ClockStops.For(procedure).IsSpecialProcedure());
        Assert.False(ClockStop.Correction.IsSpecialProcedure());
    }

    /// <summary>The stored JSON escapes non-ASCII; compare the text it stands for.</summary>
    private static string Unescaped(JournalDetail detail) => System.Text.RegularExpressions.Regex.Unescape(JournalDetails.Write(detail)!);
}
