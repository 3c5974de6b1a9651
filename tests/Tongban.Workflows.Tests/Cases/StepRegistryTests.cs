using Tongban.Workflows.Cases;
using Tongban.Workflows.Cases.Steps;
using Tongban.Workflows.Clocks;
using Tongban.Workflows.Residents;
using Tongban.Workflows.Tests.Calendars;
using Tongban.Workflows.Tests.Routes;
using RouteStepKinds = Tongban.Workflows.Routes.StepKinds;

namespace Tongban.Workflows.Tests.Cases;

/// <summary>The registry of step kinds: one file each, declaring name, action, fields and their bounds, stage clock, effect and notices.</summary>
public sealed class StepRegistryTests
{
    /// <summary>Collects errors like the use case's FieldErrors (which the API answers as ProblemDetails).</summary>
    private sealed class Errors : IFieldErrors
    {
        public Dictionary<string, string> All { get; } = [];

        public void Add(string field, string message) => All[field] = message;

        public string? Optional(string field, string? value, int max, string message, bool oneLine = false)
        {
            var trimmed = value?.Trim();
            if (string.IsNullOrEmpty(trimmed)) return null;
            if (trimmed.Length <= max) return trimmed;
            Add(field, message);
            return null;
        }
    }

    [Fact]
    public void Every_step_kind_is_one_file_with_a_unique_name_and_action_and_every_step_the_shipped_routes_name_is_one()
    {
        var folder = Path.Combine(CalendarData.RepositoryRoot, "src", "Workflows", "Tongban.Workflows", "Cases", "Steps");
        Assert.All(StepRegistry.All, k => Assert.True(File.Exists(Path.Combine(folder, k.GetType().Name + ".cs")), $"{k.Name}: no file {k.GetType().Name}.cs"));
        Assert.Equal(StepRegistry.All.Count, StepRegistry.All.Select(k => k.Name).Distinct().Count());
        Assert.Equal(StepRegistry.All.Count, StepRegistry.All.Select(k => k.Action).Distinct().Count());
        Assert.All(StepRegistry.All, k => Assert.Same(k, StepRegistry.Named(k.Name)));
        Assert.All(StepRegistry.All, k => Assert.Same(k, StepRegistry.Of(k.Action)));

        var named = RouteSamples.ShippedIds.Select(RouteSamples.Shipped)
            .SelectMany(r => r.Nodes.SelectMany(n => n.Steps ?? []).Concat(r.Edges.Select(e => e.Action).OfType<string>())).ToHashSet();
        Assert.All(named, step => Assert.NotNull(StepRegistry.Named(step)));
        Assert.Equal(["intake", "forward", "signFor", "accept", "returnForCorrection", "resubmit", "handle", "decide", "deliver", "evaluate", "archive", "giveOpinion"], RouteStepKinds.All);
    }

    [Fact]
    public void The_fields_each_step_reads_and_the_stage_it_runs()
    {
        Assert.Equal(
            ["returnForCorrection:missing", "resubmit:materials", "decide:approved,text,seal", "deliver:method", "evaluate:level", "giveOpinion:agrees,text"],
            StepRegistry.All.Where(k => k.Fields.Count > 0).Select(k => $"{k.Name}:{string.Join(",", k.Fields)}"));
        Assert.Equal(
            ["forward:review", "signFor:signFor", "accept:accept", "handle:handle", "decide:handle", "giveOpinion:opinion"],
            StepRegistry.All.Where(k => k.Stage is not null).Select(k => $"{k.Name}:{k.Stage}"));
        // A task offering several steps runs the stage of the first in 签收, 受理, 办理, 专员审核, 出具意见.
        Assert.Equal(Stages.Accept, RouteStepKinds.StageOf(["returnForCorrection", "accept"]));
        Assert.Equal(Stages.SignFor, RouteStepKinds.StageOf(["accept", "signFor"]));
        Assert.Equal(Stages.Handle, RouteStepKinds.StageOf(["forward", "decide"]));
        Assert.Null(RouteStepKinds.StageOf(["evaluate", "archive"]));
    }

    [Fact]
    public void Each_step_kind_reads_its_fields_and_names_the_one_that_is_wrong()
    {
        var errors = new Errors();
        Assert.Equal(new ActionInput.Decide(false, ""), StepRegistry.Named("decide")!.Read(new StepFields { Text = "  " }, errors));
        Assert.Equal(["approved"], errors.All.Keys);

        errors = new Errors();
        Assert.Null(StepRegistry.Named("deliver")!.Read(new StepFields { Method = "1" }, errors));
        Assert.Null(StepRegistry.Named("evaluate")!.Read(new StepFields(), errors));
        Assert.Equal(["method", "level"], errors.All.Keys);
        Assert.Equal(new ActionInput.Deliver(DeliveryMethod.Post), StepRegistry.Named("deliver")!.Read(new StepFields { Method = "Post" }, new Errors()));

        errors = new Errors();
        StepRegistry.Named("returnForCorrection")!.CheckBounds(new StepFields { Missing = [.. Enumerable.Range(0, 51).Select(i => new MissingMaterial($"M{i}", "缺"))] }, errors);
        StepRegistry.Named("returnForCorrection")!.CheckBounds(new StepFields { Missing = [new MissingMaterial("A\nB", new string('问', 201))] }, errors);
        Assert.Equal(["missing", "missing[0].code", "missing[0].problem"], errors.All.Keys);
        Assert.IsType<ActionInput.None>(StepRegistry.Named("signFor")!.Read(new StepFields(), new Errors()));
    }

    [Fact]
    public void The_milestones_the_resident_hears_of_come_from_the_step_kinds()
    {
        Assert.Equal(
            ["accept:Accepted", "returnForCorrection:CorrectionNeeded", "decide:Decided", "deliver:Delivered"],
            StepRegistry.All.Where(k => k.ResidentMilestone(false) is not null).Select(k => $"{k.Name}:{k.ResidentMilestone(false)}"));
        Assert.Equal(Milestone.ResultReady, StepRegistry.Named("decide")!.ResidentMilestone(resultAtWindow: true));
    }
}
