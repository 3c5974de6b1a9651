using Tongban.Gateway.Hosting;
using Tongban.Hosting;
using Tongban.Services;
using Tongban.Workflows.Runtime.Hosting;

// The HTTP gateway. Embedded mode (the default) also runs every jurisdiction service in this process.
var builder = WebApplication.CreateBuilder(CommandLine.HostArguments(args));
builder.AddTongbanHosting("tongban-gateway");
builder.Services.AddWorkflowRuntime(builder.Configuration);
builder.Services.AddJurisdictionServices(builder.Configuration);
builder.Services.AddGatewayAuthentication();
builder.Services.AddGatewayApi();
builder.AddGatewayPages();

var app = builder.Build();
return await app.RunTongbanAsync(args, pipeline: () =>
{
    app.UseGatewayApi();
    app.UseGatewayPages();
    app.MapTongbanHealth();
});

/// <summary>Entry point, visible to the integration tests' WebApplicationFactory.</summary>
public partial class Program;
