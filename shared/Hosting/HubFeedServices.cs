using Azure.Core;
using Azure.Data.Tables;
using Azure.Identity;
using Azure.Storage.Blobs;
using Azure.Storage.Queues;
using HubFeed.Catalog;
using HubFeed.Catalog.Azure;
using HubFeed.Catalog.InMemory;
using HubFeed.Pipeline;
using HubFeed.Publishing;
using HubFeed.Serving;
using HubFeed.Sources;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Http.Resilience;
using Microsoft.Extensions.Options;
using Polly;

namespace HubFeed.Hosting;

/// <summary>The one composition root: the Function app, the CLI and the tests all call this.</summary>
public static class HubFeedServices
{
    public static IServiceCollection AddHubFeed(this IServiceCollection services, IConfiguration configuration)
    {
        AddOptions(services, configuration);
        services.AddSingleton(TimeProvider.System);
        services.AddSingleton(sp => CreateTables(sp.GetRequiredService<IOptions<StorageOptions>>().Value));
        services.AddSingleton(sp => CreateBlobs(sp.GetRequiredService<IOptions<StorageOptions>>().Value));
        services.AddSingleton(sp => CreateQueues(sp.GetRequiredService<IOptions<StorageOptions>>().Value));
        AddHubClient(services);
        AddPipeline(services);
        services.AddHubFeedTelemetry();
        return services;
    }

    /// <summary>Every options class, bound and validated at start; and the request-log filter that keeps keys out of logs.</summary>
    private static void AddOptions(IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<SourceOptions>().Bind(configuration.GetSection(SourceOptions.Section)).ValidateDataAnnotations().ValidateOnStart();
        services.AddOptions<PublishOptions>().Bind(configuration.GetSection(PublishOptions.Section)).ValidateDataAnnotations().ValidateOnStart();
        services.AddOptions<CatalogOptions>().Bind(configuration.GetSection(CatalogOptions.Section)).ValidateDataAnnotations().ValidateOnStart();
        services.AddOptions<HealthOptions>().Bind(configuration.GetSection(HealthOptions.Section)).ValidateDataAnnotations().ValidateOnStart();
        services.AddOptions<ApiOptions>().Bind(configuration.GetSection(ApiOptions.Section))
            .PostConfigure(o => o.PublicBaseUrl ??= configuration["WEBSITE_HOSTNAME"] is { Length: > 0 } host ? new Uri("https://" + host) : null)
            .Validate(o => o.Root().Scheme is "http" or "https" && string.IsNullOrEmpty(o.Root().Query), $"{ApiOptions.Section}:PublicBaseUrl is an http(s) URL without a query.")
            .ValidateOnStart();
        // Request logs name the URL, and a keyed call's URL may carry ?code=: the request's own log lines are dropped
        // (the API's request log is RequestLog's, with the key redacted).
        services.Configure<Microsoft.Extensions.Logging.LoggerFilterOptions>(o =>
            o.Rules.Add(new Microsoft.Extensions.Logging.LoggerFilterRule(null, "Microsoft.AspNetCore.Hosting.Diagnostics", Microsoft.Extensions.Logging.LogLevel.Warning, null)));
        services.AddOptions<StorageOptions>().Configure(o => BindStorage(configuration.GetSection(StorageOptions.Section), o))
            .Validate(o => o.ConnectionString is not null || (o.BlobServiceUri is not null && o.TableServiceUri is not null),
                $"Set {StorageOptions.Section} to a connection string (Azurite), or {StorageOptions.Section}__blobServiceUri and __tableServiceUri (Azure).")
            .ValidateOnStart();
    }

    /// <summary>The Hub's HTTP client and what reads the listing with it.</summary>
    private static void AddHubClient(IServiceCollection services)
    {
        services.AddSingleton<SourceRegistry>();
        services.AddSingleton<HostGates>();
        services.AddTransient<PoliteHandler>();
        services.AddTransient<BodyLimitHandler>();
        services.AddTransient<SameHostRedirectHandler>();
        // A named client from the factory: handlers (and so connections and DNS) are renewed; every attempt goes through
        // the resilience pipeline (the one retry layer), then redirects, politeness and the size-capped body read.
        var hub = services.AddHttpClient(HubListingClient.ClientName, (sp, http) =>
            {
                var o = sp.GetRequiredService<IOptions<SourceOptions>>().Value;
                http.DefaultRequestHeaders.UserAgent.ParseAdd($"HubFeed/1.0 (+{o.ContactUrl})");
                http.DefaultRequestHeaders.Accept.ParseAdd("text/html");
                // The resilience pipeline times each attempt; this only stops a runaway whole.
                http.Timeout = Timeout.InfiniteTimeSpan;
            })
            .ConfigurePrimaryHttpMessageHandler(() => new SocketsHttpHandler
            {
                AllowAutoRedirect = false,
                AutomaticDecompression = System.Net.DecompressionMethods.All,
            });
        hub.AddResilienceHandler("hub", (pipeline, context) => ConfigureHubResilience(pipeline, context.ServiceProvider));
        hub.AddHttpMessageHandler<SameHostRedirectHandler>()
            .AddHttpMessageHandler<PoliteHandler>()
            .AddHttpMessageHandler<BodyLimitHandler>();
        services.AddSingleton<HubListingClient>();
    }

    /// <summary>The one retry layer: retries 408, 429, 5xx, network errors and attempt time-outs (waiting what Retry-After says), and times each attempt.</summary>
    private static void ConfigureHubResilience(ResiliencePipelineBuilder<HttpResponseMessage> pipeline, IServiceProvider services)
    {
        var o = services.GetRequiredService<IOptions<SourceOptions>>().Value;
        if (o.MaxRetries > 0)
        {
            pipeline.AddRetry(new HttpRetryStrategyOptions
            {
                MaxRetryAttempts = o.MaxRetries,
                BackoffType = DelayBackoffType.Exponential,
                UseJitter = true,
                Delay = o.RetryBaseDelay,
                ShouldRetryAfterHeader = true,
                MaxDelay = TimeSpan.FromMinutes(2),
            });
        }
        pipeline.AddTimeout(o.RequestTimeout);
    }

    /// <summary>The stores, the run's steps, the publisher and the API cores.</summary>
    private static void AddPipeline(IServiceCollection services)
    {
        AddTableCatalog(services);
        services.AddSingleton<SourceStateStore>();
        services.AddSingleton<WebSubNotifier>();
        services.AddHttpClient(WebSubNotifier.ClientName, http => http.DefaultRequestHeaders.UserAgent.ParseAdd("HubFeed/1.0 (WebSub publisher)"));
        services.AddSingleton<ListingCrawler>();
        services.AddSingleton<ListingSnapshot>();
        services.AddSingleton<WidgetFiles>();
        services.AddSingleton<IPublishedStore, HubFeed.Publishing.Azure.BlobPublishedStore>();
        services.AddSingleton<BlobPublisher>();
        services.AddSingleton<PublishedFeeds>();
        services.AddSingleton<IngestJob>();
        services.AddSingleton<PublishJob>();
        services.AddSingleton<IndexJob>();
        services.AddSingleton<IRunMessages, HubFeed.Pipeline.Azure.QueueRunMessages>();
        services.AddSingleton<RunQueue>();
        services.AddSingleton<HubFeedRunner>();
        services.AddSingleton<HealthService>();
        services.AddSingleton<HealthCache>();
        services.AddSingleton<HubFeed.Serving.ResourceApi>();
        services.AddSingleton<HubFeed.Serving.OEmbedApi>();
    }

    /// <summary>The catalog's ports on Table Storage (typed rows in the existing tables).</summary>
    private static void AddTableCatalog(IServiceCollection services)
    {
        services.AddSingleton<StorageTables>();
        services.AddSingleton<IResourceCatalog, TableResourceCatalog>();
        services.AddSingleton<IChangeLog, TableChangeLog>();
        services.AddSingleton<IRunLog, TableRunLog>();
        services.AddSingleton<ISourceStateStorage, TableSourceStateStorage>();
        services.AddSingleton<IPageCache, TablePageCache>();
    }

    /// <summary>
    /// The catalog's ports, the published files and the run queue in memory (after <see cref="AddHubFeed"/>): a full
    /// run (ingest and publish), queued or not, with no storage account.
    /// </summary>
    public static IServiceCollection AddHubFeedInMemoryStorage(this IServiceCollection services)
    {
        services.RemoveAll<IResourceCatalog>().AddSingleton<IResourceCatalog, InMemoryResourceCatalog>();
        services.RemoveAll<IChangeLog>().AddSingleton<IChangeLog, InMemoryChangeLog>();
        services.RemoveAll<IRunLog>().AddSingleton<IRunLog, InMemoryRunLog>();
        services.RemoveAll<ISourceStateStorage>().AddSingleton<ISourceStateStorage, InMemorySourceStateStorage>();
        services.RemoveAll<IPageCache>().AddSingleton<IPageCache, InMemoryPageCache>();
        services.RemoveAll<IPublishedStore>().AddSingleton<IPublishedStore, HubFeed.Publishing.InMemory.InMemoryPublishedStore>();
        services.RemoveAll<IRunMessages>().AddSingleton<IRunMessages, HubFeed.Pipeline.InMemory.InMemoryRunMessages>();
        return services;
    }

    /// <summary>Reads a Functions-style connection: the section's own value is a connection string, or its children name the service URIs.</summary>
    private static void BindStorage(IConfigurationSection section, StorageOptions o)
    {
        o.ConnectionString = section.Value ?? section["connectionString"];
        o.BlobServiceUri = section["blobServiceUri"] is { Length: > 0 } b ? new Uri(b) : null;
        o.TableServiceUri = section["tableServiceUri"] is { Length: > 0 } t ? new Uri(t) : null;
        o.QueueServiceUri = section["queueServiceUri"] is { Length: > 0 } q ? new Uri(q) : null;
        o.Credential = section["credential"];
        o.ClientId = section["clientId"];
    }

    private static TokenCredential Credential(StorageOptions o) =>
        string.Equals(o.Credential, "managedidentity", StringComparison.OrdinalIgnoreCase)
            ? new ManagedIdentityCredential(ManagedIdentityId.FromUserAssignedClientId(o.ClientId ?? throw new InvalidOperationException($"{StorageOptions.Section}__clientId is required with managedidentity.")))
            : new DefaultAzureCredential();

    private static TableServiceClient CreateTables(StorageOptions o) =>
        o.ConnectionString is { } cs ? new TableServiceClient(cs) : new TableServiceClient(o.TableServiceUri, Credential(o));

    /// <summary>Base64 messages: what the Functions queue trigger reads by default.</summary>
    private static QueueServiceClient CreateQueues(StorageOptions o)
    {
        var options = new QueueClientOptions { MessageEncoding = QueueMessageEncoding.Base64 };
        return o.ConnectionString is { } cs ? new QueueServiceClient(cs, options)
            : new QueueServiceClient(o.QueueServiceUri ?? throw new InvalidOperationException($"{StorageOptions.Section}__queueServiceUri is required with service URIs."), Credential(o), options);
    }

    private static BlobServiceClient CreateBlobs(StorageOptions o) =>
        o.ConnectionString is { } cs ? new BlobServiceClient(cs) : new BlobServiceClient(o.BlobServiceUri, Credential(o));
}
