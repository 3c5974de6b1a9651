using System.Text.Json.Serialization;
using Microsoft.AspNetCore.Http.Json;
using Microsoft.AspNetCore.Routing;
using Tongban.Gateway.Audit;
using Tongban.Gateway.Auth;
using Tongban.Gateway.Bureau;
using Tongban.Gateway.TimeLimits;
using Tongban.Gateway.Cases;
using Tongban.Gateway.DeadLetters;
using Tongban.Gateway.Catalog;
using Tongban.Gateway.Evaluations;
using Tongban.Gateway.FirstContact;
using Tongban.Gateway.Posts;
using Tongban.Gateway.Problems;
using Tongban.Gateway.Routes;
using Tongban.Gateway.Requests;
using Tongban.Gateway.Residents;
using Tongban.Gateway.SpecialGroups;
using Tongban.Gateway.Visits;
using Tongban.UseCases;
using Tongban.Workflows.Runtime.Organisation;

namespace Tongban.Gateway.Hosting;

public static class ApiExtensions
{
    public static IServiceCollection AddGatewayApi(this IServiceCollection services)
    {
        services.AddProblemDetails();
        services.AddExceptionHandler<BadRequestExceptionHandler>();
        services.AddExceptionHandler<ConcurrencyExceptionHandler>();
        services.Configure<JsonOptions>(o => o.SerializerOptions.Converters.Add(new JsonStringEnumConverter()));
        // Malformed JSON surfaces as an exception we turn into a ProblemDetails naming the field.
        services.Configure<RouteHandlerOptions>(o => o.ThrowOnBadRequest = true);
        services.AddOpenApi(o =>
        {
            o.AddDocumentTransformer<BearerSecurityTransformer>().AddSchemaTransformer<RequestBoundsTransformer>();
            // Many endpoints have a nested type called Request: name each schema with its declaring type
            // (OpenCaseEndpointRequest, LoginRequest), or they would share one schema in the document.
            o.CreateSchemaReferenceId = type => type.Type.IsNested && Microsoft.AspNetCore.OpenApi.OpenApiOptions.CreateDefaultSchemaReferenceId(type) is { } id
                ? type.Type.DeclaringType!.Name + id
                : Microsoft.AspNetCore.OpenApi.OpenApiOptions.CreateDefaultSchemaReferenceId(type);
        });
        services.AddHttpContextAccessor();
        services.AddScoped<StaffActors>();
        services.AddLoginRateLimit();
        services.AddAdmission();
        services.AddUseCases();
        services.AddResidentSide();
        return services;
    }

    public static WebApplication UseGatewayApi(this WebApplication app)
    {
        app.UseExceptionHandler();
        app.UseStatusCodePages();
        app.UseRateLimiter();
        app.UseAuthentication();
        app.UseAuthorization();

        app.MapOpenApi().AllowAnonymous();
        var api = app.MapGroup("/api");
        api.MapLogin();
        api.MapLogout();
        api.MapPasswords();
        api.MapCatalog();
        api.MapOpenCase();
        api.MapGetCase();
        api.MapRouteActions();
        api.MapWorkQueue();
        api.MapDueDate();
        api.MapHolidayCalendars();
        api.MapClockOperations();
        api.MapExtensions();
        api.MapMyNotifications();
        api.MapOverdueCases();
        api.MapSupervisionList();
        api.MapAudit();
        api.MapPostHolders();
        api.MapAbsences();
        api.MapHandBack();
        api.MapConsultations();
        api.MapMyFirstContactCases();
        api.MapSecondCorrectionApprovals();
        api.MapStatistics();
        api.MapRectifications();
        api.MapAccountability();
        api.MapDeadLetters();
        api.MapRoutes();
        api.MapPublicLookup();
        api.MapServiceRequests();
        api.MapVisits();
        api.MapSpecialGroups();
        return app;
    }
}
