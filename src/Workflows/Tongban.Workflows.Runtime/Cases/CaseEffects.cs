using Tongban.Workflows.Cases;

namespace Tongban.Workflows.Runtime.Cases;

/// <summary>How each action's input changes the case record.</summary>
internal static class CaseEffects
{
    public static void Apply(Case @case, ActionInput input)
    {
        switch (input)
        {
            case ActionInput.ReturnForCorrection r:
                @case.MissingMaterials = [.. r.Missing];
                @case.CorrectionRounds++;
                break;
            case ActionInput.Resubmit r:
                @case.MaterialsHandedIn = [.. @case.MaterialsHandedIn.Union(r.Materials)];
                @case.MissingMaterials = [];
                break;
            case ActionInput.Decide d:
                @case.Approved = d.Approved;
                @case.DecisionText = d.Text;
                break;
            case ActionInput.Deliver d:
                @case.DeliveryMethod = d.Method;
                break;
            case ActionInput.Evaluate e:
                @case.EvaluationLevel = e.Level;
                break;
        }
    }
}
