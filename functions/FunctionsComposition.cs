using HubFeed.Functions.Http;
using HubFeed.Hosting;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Azure.Functions.Worker.Builder;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace HubFeed.Functions;

public static class FunctionsComposition
{
    /// <summary>The Function app's set-up: ASP.NET Core integration, the API headers and storage-problem middleware, Application Insights, HubFeed's services.</summary>
    public static FunctionsApplicationBuilder ConfigureHubFeedFunctions(this FunctionsApplicationBuilder builder)
    {
        builder.ConfigureFunctionsWebApplication();
        // Outermost: the headers are on the answer whatever the function (or the storage-problem mapping) writes.
        builder.UseMiddleware<ApiHeadersMiddleware>();
        builder.UseMiddleware<StorageProblemMiddleware>();
        builder.Services
            .AddApplicationInsightsTelemetryWorkerService()
            .ConfigureFunctionsApplicationInsights();
        // Application Insights adds a filter that drops everything below Warning; run summaries are Information.
        builder.Logging.Services.Configure<LoggerFilterOptions>(options =>
        {
            var rule = options.Rules.FirstOrDefault(r =>
                r.ProviderName == "Microsoft.Extensions.Logging.ApplicationInsights.ApplicationInsightsLoggerProvider");
            if (rule is not null)
            {
                options.Rules.Remove(rule);
            }
        });
        builder.Services.AddHubFeed(builder.Configuration);
        return builder;
    }
}
