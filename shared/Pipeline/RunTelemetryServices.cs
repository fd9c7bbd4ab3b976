using HubFeed.Sources;
using Microsoft.Extensions.DependencyInjection;

namespace HubFeed.Pipeline;

public static class RunTelemetryServices
{
    /// <summary>
    /// The run telemetry and the Hub client's timing handler. Called after the Hub client is configured, so the handler
    /// is the innermost: it times each attempt the resilience pipeline makes, not their sum.
    /// </summary>
    public static IServiceCollection AddHubFeedTelemetry(this IServiceCollection services)
    {
        services.AddSingleton<RunTelemetry>();
        services.AddTransient<HubRequestTelemetryHandler>();
        services.AddHttpClient(HubListingClient.ClientName).AddHttpMessageHandler<HubRequestTelemetryHandler>();
        return services;
    }
}
