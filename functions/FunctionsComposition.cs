using Azure.Identity;
using Azure.Monitor.OpenTelemetry.Exporter;
using HubFeed.Functions.Http;
using HubFeed.Hosting;
using HubFeed.Pipeline;
using Microsoft.Azure.Functions.Worker.Builder;
using Microsoft.Azure.Functions.Worker.OpenTelemetry;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using OpenTelemetry;

namespace HubFeed.Functions;

public static class FunctionsComposition
{
    public const string ConnectionStringSetting = "APPLICATIONINSIGHTS_CONNECTION_STRING";
    public const string AuthenticationSetting = "APPLICATIONINSIGHTS_AUTHENTICATION_STRING";

    /// <summary>The Function app's set-up: ASP.NET Core integration, the API headers and storage-problem middleware, OpenTelemetry, HubFeed's services.</summary>
    public static FunctionsApplicationBuilder ConfigureHubFeedFunctions(this FunctionsApplicationBuilder builder)
    {
        builder.ConfigureFunctionsWebApplication();
        // Outermost: the headers are on the answer whatever the function (or the storage-problem mapping) writes.
        builder.UseMiddleware<ApiHeadersMiddleware>();
        builder.UseMiddleware<StorageProblemMiddleware>();
        builder.Services.AddHubFeedOpenTelemetry(builder.Configuration);
        builder.Services.AddHubFeed(builder.Configuration);
        return builder;
    }

    /// <summary>
    /// OpenTelemetry for the worker (host.json's telemetryMode makes the host do the same): the invocation's trace
    /// (UseFunctionsWorkerDefaults), HubFeed's run spans and metrics (<see cref="RunTelemetry"/>), and every log.
    /// Exported to Azure Monitor only when a connection string is set, with the managed identity the authentication
    /// string names (the component takes no instrumentation key).
    /// </summary>
    public static IServiceCollection AddHubFeedOpenTelemetry(this IServiceCollection services, IConfiguration configuration)
    {
        var telemetry = services.AddOpenTelemetry()
            .UseFunctionsWorkerDefaults()
            .WithTracing(t => t.AddSource(RunTelemetry.SourceName))
            .WithMetrics(m => m.AddMeter(RunTelemetry.SourceName))
            .WithLogging(_ => { }, o => o.IncludeFormattedMessage = true);
        if (configuration[ConnectionStringSetting] is { Length: > 0 } connectionString)
        {
            telemetry.UseAzureMonitorExporter(o =>
            {
                o.ConnectionString = connectionString;
                if (ManagedIdentityClientId(configuration[AuthenticationSetting]) is { } clientId)
                {
                    o.Credential = new ManagedIdentityCredential(ManagedIdentityId.FromUserAssignedClientId(clientId));
                }
            });
        }
        return services;
    }

    /// <summary>The client id in "ClientId=...;Authorization=AAD" (App Service's documented format); null without one.</summary>
    public static string? ManagedIdentityClientId(string? authentication)
    {
        var parts = (authentication ?? "").Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(p => p.Split('=', 2)).Where(kv => kv.Length == 2)
            .ToDictionary(kv => kv[0], kv => kv[1], StringComparer.OrdinalIgnoreCase);
        return parts.TryGetValue("Authorization", out var a) && a.Equals("AAD", StringComparison.OrdinalIgnoreCase)
            && parts.TryGetValue("ClientId", out var id) && id.Length > 0 ? id : null;
    }
}
