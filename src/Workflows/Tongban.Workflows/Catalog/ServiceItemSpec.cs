using System.Text.Json.Serialization;

namespace Tongban.Workflows.Catalog;

/// <summary>One service item (事项) as the county's catalogue file describes it.</summary>
public sealed record ServiceItemSpec
{
    public required string Code { get; init; }
    public required string Name { get; init; }
    public string PinyinInitials { get; init; } = "";
    public required string Department { get; init; }
    public required ItemType ItemType { get; init; }

    /// <summary>Overall time limit in working days; 0 for 即办件 (same working day).</summary>
    public required int TimeLimitWorkingDays { get; init; }

    /// <summary>Per-mode overrides, e.g. an item that is 即办 at the window but takes 2 days online.</summary>
    public IReadOnlyDictionary<CaseMode, int> TimeLimitByMode { get; init; } = new Dictionary<CaseMode, int>();

    public required IReadOnlyList<CaseMode> Modes { get; init; }
    public required string Route { get; init; }

    /// <summary>After 补正, does the period restart (true) or resume (false)?</summary>
    public bool RestartOnCorrection { get; init; }

    /// <summary>Working-day limits of back-office stages, e.g. signFor = 1.</summary>
    public IReadOnlyDictionary<string, int> StageLimits { get; init; } = new Dictionary<string, int>();

    public required IReadOnlyList<MaterialSpec> Materials { get; init; }

    /// <summary>Names of fields whose values are sample configuration, not stated by the sources.</summary>
    public IReadOnlyList<string> SampleConfiguration { get; init; } = [];

    public string Source { get; init; } = "";

    /// <summary>
    /// Item flags a route's decision nodes may branch on (itemFlag), e.g. "publicNotice"; listed means true. Left out
    /// of the item's JSON when absent, so items without flags keep their content hash.
    /// </summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public IReadOnlyList<string>? Flags { get; init; }

    /// <summary>
    /// Who seems eligible, for the proactive list (主动服务清单); none for most items. Left out of the item's JSON
    /// when absent, so items without a hint keep their content hash (no new version on re-import).
    /// </summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public EligibilityHint? Eligibility { get; init; }

    public int TimeLimitFor(CaseMode mode) => TimeLimitByMode.TryGetValue(mode, out var days) ? days : TimeLimitWorkingDays;
}

/// <summary>A required material. Non-essential ones may be deferred under 容缺受理.</summary>
public sealed record MaterialSpec(string Code, string Name, bool Essential = true);

/// <summary>办件类型 (GB/T 39046-2020): 1 即办件, 2 承诺件.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<ItemType>))]
public enum ItemType
{
    /// <summary>即办件: done the same working day.</summary>
    Immediate = 1,

    /// <summary>承诺件: done within a promised number of working days.</summary>
    Promised = 2,
}

/// <summary>Case modes of 国办发〔2020〕35号.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<CaseMode>))]
public enum CaseMode
{
    /// <summary>全程网办: everything online.</summary>
    OnlineEndToEnd,

    /// <summary>异地代收代办: intake here, handling at the competent place (收受分离).</summary>
    ProxyIntake,

    /// <summary>多地联办: one place accepts, several handle their parts.</summary>
    MultiSite,
}
