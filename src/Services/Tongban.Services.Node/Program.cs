using Microsoft.Extensions.Hosting;
using Tongban.Hosting;
using Tongban.Services;
using Tongban.Workflows.Runtime.Hosting;

// A jurisdiction node (distributed mode): runs the services of Node:Roles for Node:Jurisdictions.
var builder = Host.CreateApplicationBuilder(CommandLine.HostArguments(args));
builder.AddTongbanHosting($"tongban-node-{builder.Configuration["Node:Roles"]?.Replace(',', '+')}");
builder.Services.AddWorkflowRuntime(builder.Configuration);
builder.Services.AddJurisdictionServices(builder.Configuration);

using var host = builder.Build();
return await host.RunTongbanAsync(args);
