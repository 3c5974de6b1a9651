using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace Tongban.Integration.Tests.Distributed;

/// <summary>
/// The runtime and glibc read the memory settings (the gen-0 budget, the malloc thresholds) only from a process's
/// environment, so each way of starting a county process sets them itself. The harness's
/// <see cref="ServiceProcess.DeployedEnvironment"/> is what the benchmarks measured; every other way must match it,
/// or a county runs with memory figures nobody measured.
/// </summary>
public sealed class DeployedEnvironmentTests
{
    public static TheoryData<string> Variables() => [.. ServiceProcess.DeployedEnvironment.Keys];

    [Theory]
    [MemberData(nameof(Variables))]
    public void The_systemd_units_set_what_the_benchmarks_measured(string variable)
    {
        foreach (var unit in new[] { "tongban-gateway.service", "tongban-node@.service" })
        {
            var text = File.ReadAllText(Path.Combine(RepoPaths.Root, "infra", "systemd", unit));
            var set = Regex.Match(text, $@"^Environment={Regex.Escape(variable)}=(\S+)$", RegexOptions.Multiline);
            Assert.True(set.Success, $"{unit} does not set {variable}");
            Assert.Equal(ServiceProcess.DeployedEnvironment[variable], set.Groups[1].Value);
        }
    }

    [Theory]
    [MemberData(nameof(Variables))]
    public void The_launch_profile_of_dotnet_run_sets_what_the_benchmarks_measured(string variable)
    {
        var path = Path.Combine(RepoPaths.Root, "src", "Gateway", "Tongban.Gateway", "Properties", "launchSettings.json");
        var profile = JsonNode.Parse(File.ReadAllText(path))!["profiles"]!["Tongban.Gateway"]!;
        Assert.Equal(ServiceProcess.DeployedEnvironment[variable], (string?)profile["environmentVariables"]?[variable]);
    }

    [Theory]
    [MemberData(nameof(Variables))]
    public void The_distributed_run_script_sets_what_the_benchmarks_measured(string variable)
    {
        var text = File.ReadAllText(Path.Combine(RepoPaths.Root, "infra", "run-distributed.sh"));
        var set = Regex.Match(text, $@"\b{Regex.Escape(variable)}=""\$\{{{Regex.Escape(variable)}:-([^}}]+)\}}""");
        Assert.True(set.Success, $"infra/run-distributed.sh does not set {variable}");
        Assert.Equal(ServiceProcess.DeployedEnvironment[variable], set.Groups[1].Value);
    }
}
