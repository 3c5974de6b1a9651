using Tongban.Workflows.Posts;

namespace Tongban.Workflows.Tests.Posts;

public sealed class CorrectionRuleTests
{
    [Fact]
    public void The_first_return_needs_nothing_a_second_needs_an_unused_approval()
    {
        Assert.Null(CorrectionRule.RefusalFor(0, 0));
        Assert.Contains("单位负责人审批", CorrectionRule.RefusalFor(1, 0), StringComparison.Ordinal);
        Assert.Null(CorrectionRule.RefusalFor(1, 1));
        Assert.NotNull(CorrectionRule.RefusalFor(2, 0));
    }
}
