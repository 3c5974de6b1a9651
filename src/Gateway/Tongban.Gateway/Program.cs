using Tongban.Gateway.Hosting;
using Tongban.Services;
using Tongban.Workflows.Runtime.Hosting;

// The HTTP gateway. Embedded mode (the default) also runs every jurisdiction service in this process.
var builder = WebApplication.CreateBuilder(CommandLine.HostArguments(args));
builder.Services.AddWorkflowRuntime(builder.Configuration);
builder.Services.AddTongbanTelemetry(builder.Configuration, "tongban-gateway");
builder.Services.AddJurisdictionServices(builder.Configuration);
builder.Services.AddGatewayAuthentication();
builder.Services.AddGatewayApi();
builder.AddGatewayPages();

var app = builder.Build();
if (CommandLine.IsCommand(args)) return await CommandLine.RunAsync(app, args);

await DatabaseSetup.RunAsync(app.Services, DatabaseSetup.OnStart(app.Configuration));
app.UseGatewayApi();
app.UseGatewayPages();
await app.RunAsync();
return Environment.ExitCode; // non-zero when the bus watchdog stopped the process (see BusWatchdog)

/// <summary>Entry point, visible to the integration tests' WebApplicationFactory.</summary>
public partial class Program;
