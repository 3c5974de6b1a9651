namespace Tongban.Integration.Tests.Security.Suite;

/// <summary>The security suite's classes share one gateway process (and run one after another).</summary>
[CollectionDefinition(Name)]
public sealed class SecuritySuite : ICollectionFixture<SuiteCounty>
{
    public const string Name = "Security suite";
}
