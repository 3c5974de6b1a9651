using Microsoft.AspNetCore.Builder;
using Tongban.Hosting;
using Tongban.Services;
using Tongban.Workflows.Runtime.Hosting;

// A jurisdiction node (distributed mode): runs the services of Node:Roles for Node:Jurisdictions, and answers
// /health/live and /health/ready on Health:Urls.
var builder = WebApplication.CreateBuilder(CommandLine.HostArguments(args));
builder.UseHealthListener();
builder.AddTongbanHosting($"tongban-node-{builder.Configuration["Node:Roles"]?.Replace(',', '+')}");
builder.Services.AddWorkflowRuntime(builder.Configuration);
builder.Services.AddJurisdictionServices(builder.Configuration);

var app = builder.Build();
return await app.RunTongbanAsync(args, pipeline: () => app.MapTongbanHealth());
