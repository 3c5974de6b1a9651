using Tongban.Gateway.Hosting;
using Tongban.Hosting;
using Tongban.Services;
using Tongban.Workflows.Runtime.Hosting;

// The HTTP gateway. Embedded mode (the default) also runs every jurisdiction service in this process.
var builder = WebApplication.CreateBuilder(CommandLine.HostArguments(args));
// Loopback on 5080 unless ASPNETCORE_URLS, --urls or Urls in configuration says otherwise.
if (string.IsNullOrEmpty(builder.Configuration["urls"])) builder.WebHost.UseUrls("http://127.0.0.1:5080");
// Every request body is bounded (256 KB unless configured): nothing the API or a form takes comes near it.
builder.WebHost.ConfigureKestrel(o => o.Limits.MaxRequestBodySize = builder.Configuration.GetValue<long?>("Kestrel:Limits:MaxRequestBodySize") ?? 256 * 1024);
builder.AddTongbanHosting("tongban-gateway");
builder.Services.AddWorkflowRuntime(builder.Configuration);
builder.Services.AddJurisdictionServices(builder.Configuration);
builder.Services.AddAuditAnchorWriter();
builder.Services.AddGatewayAuthentication(builder.Configuration);
builder.Services.AddGatewayApi();
builder.AddGatewayPages();
builder.Services.AddProxySupport(builder.Configuration);

var app = builder.Build();
return await app.RunTongbanAsync(args, pipeline: () =>
{
    app.UseProxySupport();
    app.UseGatewayApi();
    app.UseGatewayPages();
    app.MapTongbanHealth();
});

/// <summary>Entry point, visible to the integration tests' WebApplicationFactory.</summary>
public partial class Program;
