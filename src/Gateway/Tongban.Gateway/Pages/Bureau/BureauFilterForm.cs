using Tongban.Workflows.Runtime.Organisation;

namespace Tongban.Gateway.Pages.Bureau;

/// <summary>What the shared filter form needs.</summary>
/// <param name="Departments">县直部门: as 现办理单位, the cases with a branch task (并联办理) there.</param>
public sealed record BureauFilterForm(
    string Action,
    BureauListQuery Filter,
    IReadOnlyList<Jurisdiction> Townships,
    IReadOnlyList<Jurisdiction> Communities,
    IReadOnlyList<(string Code, string Name)> Items,
    bool ShowState)
{
    public IReadOnlyList<Jurisdiction> Departments { get; init; } = [];
}
