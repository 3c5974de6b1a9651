using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;
using Tongban.Gateway.Auth;
using Tongban.Gateway.Cases;
using Tongban.Gateway.Evaluations;
using Tongban.Gateway.FirstContact;
using Tongban.Gateway.Posts;
using Tongban.Gateway.TimeLimits;
using Tongban.UseCases.Accounts;
using Tongban.UseCases.Cases;
using Tongban.UseCases.Evaluations;
using Tongban.UseCases.FirstContact;
using Tongban.UseCases.Intake;
using Tongban.UseCases.People;
using Tongban.UseCases.TimeLimits;
using Tongban.Workflows.Cases;

namespace Tongban.Gateway.Hosting;

/// <summary>
/// Puts every request field's bound into the OpenAPI document (maxLength of a text, maxItems of a list), read
/// from the constants the use cases validate with — one source of truth, and what the security suite probes
/// each write endpoint with (max + 1 must be a 400 naming the field). A request type the table does not know
/// keeps its schema as generated; the suite then finds its text fields unbounded and fails.
/// </summary>
internal sealed class RequestBoundsTransformer : IOpenApiSchemaTransformer
{
    /// <summary>The longest enum name any request accepts (mode, channel, method, procedure); longer is never valid.</summary>
    public const int EnumNameLength = 30;

    private static readonly Dictionary<Type, Dictionary<string, (int? Length, int? Items)>> Bounds = new()
    {
        [typeof(OpenCaseEndpoint.Request)] = new()
        {
            ["itemCode"] = (OpenCase.MaxItemCodeLength, null),
            ["mode"] = (EnumNameLength, null),
            ["registrationTownshipId"] = (OpenCase.MaxTownshipIdLength, null),
            ["materials"] = (null, OpenCase.MaxMaterials),
            ["deferredMaterials"] = (null, OpenCase.MaxDeferredMaterials),
            ["channel"] = (EnumNameLength, null),
        },
        [typeof(OpenCaseEndpoint.ApplicantRequest)] = new()
        {
            ["name"] = (OpenCase.MaxNameLength, null),
            ["idNumber"] = (OpenCase.IdNumberLength, null),
            ["phone"] = (OpenCase.MaxPhoneLength, null),
        },
        [typeof(OpenCaseEndpoint.AuthorisationRequest)] = new()
        {
            ["agent"] = (OpenCase.MaxAgentLength, null),
            ["scope"] = (OpenCase.MaxScopeLength, null),
            ["channel"] = (EnumNameLength, null),
        },
        [typeof(RouteActions.ReturnForCorrectionRequest)] = new() { ["missing"] = (null, ApplyRouteAction.MaxMaterials) },
        [typeof(MissingMaterial)] = new() { ["code"] = (OpenCase.MaxMaterialCodeLength, null), ["problem"] = (ApplyRouteAction.MaxProblemLength, null) },
        [typeof(RouteActions.ResubmitRequest)] = new() { ["materials"] = (null, ApplyRouteAction.MaxMaterials) },
        [typeof(RouteActions.DecideRequest)] = new() { ["text"] = (ApplyRouteAction.MaxDecisionTextLength, null) },
        [typeof(ApplyRouteAction.SealRequest)] = new() { ["seal"] = (ApplyRouteAction.MaxSealLength, null), ["document"] = (ApplyRouteAction.MaxDocumentLength, null) },
        [typeof(RouteActions.DeliverRequest)] = new() { ["method"] = (EnumNameLength, null) },
        [typeof(ClockOperations.StopRequest)] = new() { ["procedure"] = (EnumNameLength, null), ["reason"] = (StopClock.MaxReasonLength, null) },
        [typeof(ClockOperations.MaterialsRequest)] = new() { ["materials"] = (null, SupplyDeferredMaterials.MaxMaterials) },
        [typeof(Tongban.Gateway.TimeLimits.Extensions.Request)] = new() { ["reason"] = (RequestExtension.MaxReasonLength, null) },
        [typeof(Tongban.Gateway.TimeLimits.Extensions.Decision)] = new() { ["note"] = (DecideExtension.MaxNoteLength, null) },
        [typeof(Tongban.Gateway.Residents.PublicLookup.Body)] = new()
        {
            ["caseNumber"] = (Tongban.UseCases.Residents.LookUpCase.MaxCaseNumberLength, null),
            ["idTail"] = (Tongban.UseCases.Residents.LookUpCase.IdTailLength, null),
        },
        [typeof(Consultations.Request)] = new()
        {
            ["itemCode"] = (RecordConsultation.MaxItemCodeLength, null),
            ["channel"] = (EnumNameLength, null),
            ["mode"] = (EnumNameLength, null),
            ["note"] = (RecordConsultation.MaxNoteLength, null),
        },
        [typeof(SecondCorrectionApprovals.Request)] = new() { ["reason"] = (ApproveSecondCorrection.MaxReasonLength, null) },
        [typeof(Tongban.Gateway.Audit.ViewPersonalData.Request)] = new() { ["reason"] = (Tongban.UseCases.Audit.ViewPersonalData.MaxReasonLength, null) },
        [typeof(Absences.Request)] = new() { ["staffId"] = (PostAccess.MaxStaffIdLength, null), ["coverStaffId"] = (PostAccess.MaxStaffIdLength, null) },
        [typeof(Rectifications.StepRequest)] = new() { ["note"] = (RecordRectificationStep.MaxNoteLength, null) },
        [typeof(Passwords.FirstPasswordRequest)] = new() { ["password"] = (PasswordPolicy.MaxLength, null) },
        [typeof(Passwords.ChangeRequest)] = new()
        {
            ["username"] = (LoginThrottle.MaxUsernameLength, null),
            ["currentPassword"] = (PasswordPolicy.MaxLength, null),
            ["newPassword"] = (PasswordPolicy.MaxLength, null),
        },
        [typeof(Tongban.Gateway.Routes.RouteEndpoints.ItemRouteBody)] = new() { ["route"] = (Tongban.UseCases.Routes.ChangeItemRoute.MaxRouteLength, null) },
        [typeof(Tongban.Gateway.Routes.RouteEndpoints.MigrationBody)] = new()
        {
            ["sourceRoute"] = (Tongban.UseCases.Routes.PlanRouteMigration.MaxRouteLength, null),
            ["targetRoute"] = (Tongban.UseCases.Routes.PlanRouteMigration.MaxRouteLength, null),
        },
        [typeof(Login.Request)] = new() { ["username"] = (LoginThrottle.MaxUsernameLength, null), ["password"] = (PasswordPolicy.MaxLength, null) },
    };

    public Task TransformAsync(OpenApiSchema schema, OpenApiSchemaTransformerContext context, CancellationToken cancellationToken)
    {
        if (schema.Properties is null || !Bounds.TryGetValue(context.JsonTypeInfo.Type, out var bounds)) return Task.CompletedTask;
        foreach (var (name, (length, items)) in bounds)
        {
            if (!schema.Properties.TryGetValue(name, out var property) || property is not OpenApiSchema target) continue;
            if (length is { } l) target.MaxLength = l;
            if (items is { } n) target.MaxItems = n;
        }

        // A migration plan's node mapping is a JSON object: its bound is a count of properties, each id a node id.
        if (context.JsonTypeInfo.Type == typeof(Tongban.Gateway.Routes.RouteEndpoints.MigrationBody)
            && schema.Properties.TryGetValue("mapping", out var mapping) && mapping is OpenApiSchema map)
        {
            map.MaxProperties = Tongban.UseCases.Routes.PlanRouteMigration.MaxMappings;
            if (map.AdditionalProperties is OpenApiSchema value) value.MaxLength = Tongban.UseCases.Routes.PlanRouteMigration.MaxNodeIdLength;
        }

        return Task.CompletedTask;
    }
}
