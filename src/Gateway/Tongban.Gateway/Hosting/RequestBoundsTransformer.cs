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
        [typeof(RouteActions.StepRequest)] = new()
        {
            ["missing"] = (null, ApplyRouteAction.MaxMaterials), ["materials"] = (null, ApplyRouteAction.MaxMaterials),
            ["text"] = (ApplyRouteAction.MaxDecisionTextLength, null), ["method"] = (EnumNameLength, null),
        },
        [typeof(RouteActions.TaskStepRequest)] = new() { ["text"] = (Tongban.Workflows.Cases.OpinionInput.TextMaxLength, null) },
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
            ["code"] = (Tongban.UseCases.Residents.LookUpCase.CodeLength, null),
        },
        [typeof(Tongban.Gateway.Residents.PublicLookup.CodeBody)] = new() { ["caseNumber"] = (Tongban.UseCases.Residents.LookUpCase.MaxCaseNumberLength, null) },
        [typeof(Tongban.Gateway.Requests.ServiceRequestEndpoints.SubmitBody)] = new()
        {
            ["itemCode"] = (Tongban.UseCases.Requests.SubmitRequest.MaxItemCodeLength, null),
            ["name"] = (Tongban.UseCases.Requests.SubmitRequest.MaxNameLength, null),
            ["phone"] = (Tongban.UseCases.Requests.SubmitRequest.MaxPhoneLength, null),
            ["preferredTime"] = (Tongban.UseCases.Requests.SubmitRequest.MaxPreferredTimeLength, null),
            ["address"] = (Tongban.UseCases.Requests.SubmitRequest.MaxAddressLength, null),
            ["communityId"] = (Tongban.UseCases.Requests.SubmitRequest.MaxCommunityIdLength, null),
            ["gridId"] = (Tongban.UseCases.Requests.SubmitRequest.MaxGridIdLength, null),
        },
        [typeof(Tongban.Gateway.Requests.ServiceRequestEndpoints.ContactBody)] = new() { ["reason"] = (Tongban.UseCases.Requests.ViewRequestContact.MaxReasonLength, null) },
        [typeof(Tongban.Gateway.Requests.ServiceRequestEndpoints.CallBackBody)] = new()
        {
            ["outcome"] = (Tongban.UseCases.Requests.RecordCallBack.MaxOutcomeLength, null),
            ["address"] = (Tongban.UseCases.Requests.RecordCallBack.MaxAddressLength, null),
            ["gridId"] = (Tongban.UseCases.Requests.RecordCallBack.MaxGridIdLength, null),
            ["note"] = (Tongban.UseCases.Requests.RecordCallBack.MaxNoteLength, null),
        },
        [typeof(Tongban.Gateway.Requests.ServiceRequestEndpoints.CollectedBody)] = new()
        {
            ["materials"] = (null, Tongban.UseCases.Requests.RecordCollection.MaxMaterials),
            ["note"] = (Tongban.UseCases.Requests.RecordCollection.MaxNoteLength, null),
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
        [typeof(Tongban.Gateway.Visits.VisitEndpoints.PublicBooking)] = new()
        {
            ["communityId"] = (Tongban.UseCases.Visits.CommunityAccess.MaxCommunityIdLength, null),
            ["name"] = (Tongban.UseCases.Visits.BookVisit.MaxNameLength, null),
            ["phone"] = (Tongban.UseCases.Visits.BookVisit.MaxPhoneLength, null),
            ["address"] = (Tongban.UseCases.Visits.BookVisit.MaxAddressLength, null),
            ["reason"] = (Tongban.UseCases.Visits.BookVisit.MaxReasonLength, null),
            ["itemCode"] = (Tongban.UseCases.Visits.BookVisit.MaxItemCodeLength, null),
        },
        [typeof(Tongban.Gateway.Visits.VisitEndpoints.StaffBooking)] = new()
        {
            ["communityId"] = (Tongban.UseCases.Visits.CommunityAccess.MaxCommunityIdLength, null),
            ["name"] = (Tongban.UseCases.Visits.BookVisit.MaxNameLength, null),
            ["phone"] = (Tongban.UseCases.Visits.BookVisit.MaxPhoneLength, null),
            ["address"] = (Tongban.UseCases.Visits.BookVisit.MaxAddressLength, null),
            ["reason"] = (Tongban.UseCases.Visits.BookVisit.MaxReasonLength, null),
            ["itemCode"] = (Tongban.UseCases.Visits.BookVisit.MaxItemCodeLength, null),
            ["gridCode"] = (Tongban.UseCases.Visits.CommunityAccess.MaxGridCodeLength, null),
        },
        [typeof(Tongban.Gateway.Visits.VisitEndpoints.SlotsRequest)] = new() { ["communityId"] = (Tongban.UseCases.Visits.CommunityAccess.MaxCommunityIdLength, null) },
        [typeof(Tongban.Gateway.SpecialGroups.SpecialGroupEndpoints.AddRequest)] = new()
        {
            ["communityId"] = (Tongban.UseCases.Visits.CommunityAccess.MaxCommunityIdLength, null),
            ["gridCode"] = (Tongban.UseCases.Visits.CommunityAccess.MaxGridCodeLength, null),
            ["name"] = (Tongban.UseCases.SpecialGroups.AddSpecialGroupMember.MaxNameLength, null),
            ["idNumber"] = (OpenCase.IdNumberLength, null),
            ["phone"] = (OpenCase.MaxPhoneLength, null),
            ["group"] = (EnumNameLength, null),
            ["contactName"] = (Tongban.UseCases.SpecialGroups.AddSpecialGroupMember.MaxNameLength, null),
            ["contactPhone"] = (OpenCase.MaxPhoneLength, null),
            ["note"] = (Tongban.UseCases.SpecialGroups.AddSpecialGroupMember.MaxNoteLength, null),
        },
        [typeof(Tongban.Gateway.SpecialGroups.SpecialGroupEndpoints.ViewRequest)] = new() { ["reason"] = (Tongban.UseCases.SpecialGroups.ViewSpecialGroupMember.MaxReasonLength, null) },
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
