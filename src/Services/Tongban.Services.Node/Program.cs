using Microsoft.Extensions.Hosting;
using Tongban.Services;
using Tongban.Workflows.Runtime.Hosting;

// A jurisdiction node (distributed mode): runs the services of Node:Roles for Node:Jurisdictions.
var builder = Host.CreateApplicationBuilder(CommandLine.HostArguments(args));
builder.Services.AddWorkflowRuntime(builder.Configuration);
builder.Services.AddTongbanTelemetry(builder.Configuration, $"tongban-node-{builder.Configuration["Node:Roles"]?.Replace(',', '+')}");
builder.Services.AddJurisdictionServices(builder.Configuration);

using var host = builder.Build();
if (CommandLine.IsCommand(args)) return await CommandLine.RunAsync(host, args);

await DatabaseSetup.RunAsync(host.Services, DatabaseSetup.OnStart(builder.Configuration));
await host.RunAsync();
return Environment.ExitCode; // non-zero when the bus watchdog stopped the process (see BusWatchdog)
