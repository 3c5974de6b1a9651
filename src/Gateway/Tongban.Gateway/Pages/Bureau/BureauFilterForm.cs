using Tongban.Workflows.Runtime.Organisation;

namespace Tongban.Gateway.Pages.Bureau;

/// <summary>What the shared filter form needs.</summary>
public sealed record BureauFilterForm(
    string Action,
    BureauListQuery Filter,
    IReadOnlyList<Jurisdiction> Townships,
    IReadOnlyList<Jurisdiction> Communities,
    IReadOnlyList<(string Code, string Name)> Items,
    bool ShowState);
