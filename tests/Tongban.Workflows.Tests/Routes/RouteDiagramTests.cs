using System.Net;
using System.Xml.Linq;
using Tongban.Workflows.Routes;

namespace Tongban.Workflows.Tests.Routes;

/// <summary>The server-side route diagram: swimlanes by participant, layers down the page, errors marked on their nodes.</summary>
public class RouteDiagramTests
{
    [Fact]
    public void The_cross_jurisdiction_route_is_laid_out_in_three_lanes_with_the_correction_loop_going_back_up()
    {
        var layout = RouteLayout.Of(RouteSamples.Shipped("cross-jurisdiction"));

        Assert.Equal([Participants.IntakeWindow, Participants.IntakeSpecialist, Participants.RegistrationTownship], layout.Lanes.Select(l => l.Participant));
        int Layer(string id) => layout.Nodes.Single(p => p.Node.Id == id).Layer;
        Assert.True(Layer("Start") < Layer("AtSpecialist") && Layer("AtSpecialist") < Layer("AwaitingSignFor") && Layer("SignedFor") < Layer("Handling") && Layer("Handling") < Layer("Archived"));
        Assert.Equal(Layer("Accepted"), Layer("AwaitingCorrection"));
        Assert.Equal(Layer("Archived"), Layer("Withdrawn"));

        var loop = Assert.Single(layout.Edges, e => e.Back);
        Assert.Equal(("AwaitingCorrection", "AwaitingSignFor"), (loop.Edge.From, loop.Edge.To));
        Assert.True(loop.HandOff);
        Assert.Equal(5, layout.Edges.Count(e => e.HandOff)); // intake, forward, return, resubmit, decide
    }

    [Fact]
    public void The_diagram_is_well_formed_svg_with_zh_cn_labels_and_no_outside_references()
    {
        var svg = WebUtility.HtmlDecode(RouteDiagram.ToSvg(RouteSamples.Shipped("cross-jurisdiction"), []));

        var root = XElement.Parse(RouteDiagram.ToSvg(RouteSamples.Shipped("cross-jurisdiction"), []));
        Assert.Equal("svg", root.Name.LocalName);
        foreach (var label in new[] { "通办专员审核", "待签收", "已签收·待受理", "待补正", "办理中", "待交付", "已归档", "视为撤回", "户籍乡镇 · 便民服务中心后台", "退回补正 · 移交" })
        {
            Assert.Contains(label, svg, StringComparison.Ordinal);
        }

        Assert.DoesNotContain("http://", svg.Replace("http://www.w3.org/2000/svg", "", StringComparison.Ordinal), StringComparison.Ordinal);
        Assert.DoesNotContain("https://", svg, StringComparison.Ordinal);
        Assert.DoesNotContain("has-error", svg, StringComparison.Ordinal);
    }

    [Fact]
    public void A_parallel_route_draws_its_fork_join_timer_and_department_lane()
    {
        var svg = WebUtility.HtmlDecode(RouteDiagram.ToSvg(RouteFile.Parse(RouteSamples.ParallelText()), []));

        Assert.Contains("县部门 · cjl", svg, StringComparison.Ordinal);
        Assert.Contains("kind-fork", svg, StringComparison.Ordinal);
        Assert.Contains("kind-join", svg, StringComparison.Ordinal);
        Assert.Contains("等待 5 个工作日", svg, StringComparison.Ordinal);
        Assert.Contains("协办 · 移交", svg, StringComparison.Ordinal);
    }

    [Fact]
    public void Validator_errors_are_marked_on_their_nodes()
    {
        var json = RouteSamples.ParallelJson();
        json.NodeOf("Publicity")["workingDays"] = 0;
        var route = RouteFile.Parse(json.ToJsonString());
        var errors = RouteValidator.Validate(route, RouteSamples.Vocabulary);

        var root = XElement.Parse(RouteDiagram.ToSvg(route, errors));

        var marked = root.Descendants().Where(e => ((string?)e.Attribute("class"))?.Contains("has-error", StringComparison.Ordinal) == true).Select(e => (string?)e.Attribute("data-node")).ToList();
        Assert.Equal(["Publicity"], marked);
        var tooltip = root.Descendants().Single(e => (string?)e.Attribute("data-node") == "Publicity").Elements().First(e => e.Name.LocalName == "title").Value;
        Assert.Contains("workingDays: 1 to 365", tooltip, StringComparison.Ordinal);
    }

    [Fact]
    public void What_the_engine_cannot_run_yet_is_marked_apart_from_errors()
    {
        var json = RouteSamples.ParallelJson();
        json.NodeOf("Handling")["participant"] = "department:mzj";
        var route = RouteFile.Parse(json.ToJsonString());
        var limits = RouteCompiler.Compile(route, "T-1", 1, RouteSamples.Vocabulary).Errors;

        var root = XElement.Parse(RouteDiagram.ToSvg(route, [], limits));

        var marked = root.Descendants().Where(e => ((string?)e.Attribute("class"))?.Contains("not-executable", StringComparison.Ordinal) == true).Select(e => (string?)e.Attribute("data-node")).Order(StringComparer.Ordinal);
        Assert.Equal(["Handling"], marked);
        Assert.DoesNotContain(root.Descendants(), e => ((string?)e.Attribute("class"))?.Contains("has-error", StringComparison.Ordinal) == true);
    }

    [Fact]
    public void Labels_are_escaped()
    {
        var json = RouteSamples.ShippedJson("window-immediate");
        json.NodeOf("Handling")["label"] = "<script>x</script>";

        var svg = RouteDiagram.ToSvg(RouteFile.Parse(json.ToJsonString()), []);

        Assert.DoesNotContain("<script>", svg, StringComparison.Ordinal);
        XElement.Parse(svg);
    }

    [Fact]
    public void A_running_cases_nodes_are_marked_current_or_late_with_who_holds_them()
    {
        var route = RouteFile.Parse(RouteSamples.ParallelText());

        var root = XElement.Parse(RouteDiagram.ToSvg(route, [], null, [new("TownshipReview", false, "当前环节：河西乡后台"), new("CjlOpinion", true, "协办：县残联（已超时）")]));

        string? Class(string node) => (string?)root.Descendants().Single(e => (string?)e.Attribute("data-node") == node).Attribute("class");
        Assert.Contains("is-current", Class("TownshipReview"), StringComparison.Ordinal);
        Assert.Contains("is-late", Class("CjlOpinion"), StringComparison.Ordinal);
        Assert.DoesNotContain("is-", Class("Handling"), StringComparison.Ordinal);
        Assert.Contains("协办：县残联（已超时）", root.Descendants().Single(e => (string?)e.Attribute("data-node") == "CjlOpinion").Elements().First(e => e.Name.LocalName == "title").Value, StringComparison.Ordinal);
    }
}
