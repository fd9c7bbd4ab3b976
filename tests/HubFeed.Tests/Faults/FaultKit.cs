using System.Collections.Concurrent;
using System.Globalization;
using System.Net;
using System.Text.RegularExpressions;
using Azure.Data.Tables;
using Azure.Storage.Blobs;
using HtmlAgilityPack;
using HubFeed.Catalog.Azure;
using HubFeed.Publishing.InMemory;
using HubFeed.Seeds;
using Microsoft.AspNetCore.Http;

namespace HubFeed.Tests.Faults;

/// <summary>
/// The snapshot's listing as a list of row blocks (the &lt;div class="views-row"&gt; HTML of each item, in order), and pages
/// rendered from any such list in the snapshot's own markup, with a results line that matches: a listing that lost,
/// gained or reordered items, as the Hub would serve it.
/// </summary>
public static partial class Listing
{
    public const int Term = 289;
    public const int PageSize = 10;

    private static readonly Lazy<(string Template, IReadOnlyList<string> Rows)> Snapshot = new(Load);

    /// <summary>The 213 rows of the snapshot, in listing order.</summary>
    public static IReadOnlyList<string> Rows => Snapshot.Value.Rows;

    /// <summary>The pages (term, page) of a listing made of these rows, "Displaying results X - Y of N" and all.</summary>
    public static Dictionary<(int Term, int Page), string> Render(IReadOnlyList<string> rows, int? total = null, int pageSize = PageSize)
    {
        var template = Snapshot.Value.Template;
        var start = template.IndexOf("<div class=\"view-content\">", StringComparison.Ordinal) + "<div class=\"view-content\">".Length;
        var end = template.IndexOf("<nav class=\"pager\"", StringComparison.Ordinal);
        var pages = new Dictionary<(int, int), string>();
        var count = total ?? rows.Count;
        for (var page = 0; page * pageSize < rows.Count || page == 0; page++)
        {
            var slice = rows.Skip(page * pageSize).Take(pageSize).ToList();
            var first = slice.Count == 0 ? 0 : page * pageSize + 1;
            var last = page * pageSize + slice.Count;
            var html = template[..start] + "\n      " + string.Join("\n      ", slice) + "\n    </div>\n    " + template[end..];
            pages[(Term, page)] = ResultsLine().Replace(html, string.Create(CultureInfo.InvariantCulture, $"Displaying results {first} - {last} of {count}"), 1);
        }
        return pages;
    }

    /// <summary>Makes the server serve exactly this listing from the next request on (pages past its end answer 404).</summary>
    public static void Serve(SnapshotServer server, IReadOnlyList<string> rows, int? total = null)
    {
        var pages = Render(rows, total);
        foreach (var (key, html) in pages)
        {
            server.Pages[key] = html;
        }
        foreach (var key in server.Pages.Keys.Where(k => k.Term == Term && !pages.ContainsKey(k)).ToList())
        {
            server.Pages.TryRemove(key, out _);
        }
    }

    /// <summary>The canonical URL of a row block, as the parser reads it.</summary>
    public static string UrlOf(string row)
    {
        var href = HrefPattern().Match(row).Groups[1].Value;
        UrlCanonicalizer.TryCanonicalize(WebUtility.HtmlDecode(href), new Uri("https://migrationnetwork.un.org"), null, out var url, out _);
        return url.AbsoluteUri;
    }

    /// <summary>A row block with its title replaced (the text inside the title link).</summary>
    public static string WithTitle(string row, string title) => TitleText().Replace(row, m => m.Groups[1].Value + WebUtility.HtmlEncode(title) + "</a>", 1);

    private static (string, IReadOnlyList<string>) Load()
    {
        var folder = Repo.Path("seeds", "snapshot", "objective-11");
        var truth = SnapshotTruth.Load();
        var rows = new List<string>();
        for (var page = 0; page < truth.Pages; page++)
        {
            var doc = new HtmlDocument();
            doc.LoadHtml(File.ReadAllText(Path.Combine(folder, $"page-{page}.html")));
            rows.AddRange((doc.DocumentNode.SelectNodes("//div[@class='views-row']") ?? Enumerable.Empty<HtmlNode>()).Select(n => n.OuterHtml));
        }
        if (rows.Count != truth.Total)
        {
            throw new InvalidOperationException($"The snapshot has {rows.Count} row blocks, the truth says {truth.Total}.");
        }
        return (File.ReadAllText(Path.Combine(folder, "page-0.html")), rows);
    }

    [GeneratedRegex(@"Displaying results \d+ - \d+ of \d+")]
    private static partial Regex ResultsLine();

    [GeneratedRegex(@"views-field-title.*?<a [^>]*href=""([^""]*)""", RegexOptions.Singleline)]
    private static partial Regex HrefPattern();

    [GeneratedRegex(@"(views-field-title.*?<a [^>]*>).*?</a>", RegexOptions.Singleline)]
    private static partial Regex TitleText();
}

/// <summary>What is published: feed.json as a browser gets it, and every blob's ETag.</summary>
public sealed record Published(HttpStatusCode Status, byte[] Feed, string? ETag, IReadOnlyDictionary<string, string> Blobs)
{
    public IReadOnlyList<JsonElement> Items
    {
        get
        {
            using var doc = JsonDocument.Parse(Feed);
            return doc.RootElement.GetProperty("items").EnumerateArray().Select(e => e.Clone()).ToList();
        }
    }

    public IReadOnlyList<string> ItemIds => Items.Select(i => i.GetProperty("id").GetString()!).ToList();

    /// <summary>Same bytes, same ETag, and not one blob rewritten.</summary>
    public void AssertUnchangedSince(Published before)
    {
        Assert.Equal(HttpStatusCode.OK, Status);
        Assert.Equal(before.ETag, ETag);
        Assert.True(before.Feed.AsSpan().SequenceEqual(Feed), "feed.json changed");
        Assert.Equal(before.Blobs.OrderBy(b => b.Key, StringComparer.Ordinal), Blobs.OrderBy(b => b.Key, StringComparer.Ordinal));
    }
}

/// <summary>
/// A <see cref="TestApp"/> with what the fault tests look at: the catalog rows, the runs table, the source's state,
/// the published feed, and the requests the loopback server saw per page (counted before any fault is injected).
/// </summary>
public sealed class FaultRig : IAsyncDisposable
{
    private static readonly HttpClient Http = new();
    private Func<HttpContext, int, int, Task<bool>>? _fault;

    /// <summary>On the in-memory catalog with no storage account.</summary>
    private readonly VersionedCatalog? _inMemory;

    /// <summary>On the in-memory published files too: a run ingests and publishes (else, in memory, it ingests only).</summary>
    private readonly InMemoryPublishedStore? _published;

    private FaultRig(TestApp app, string connectionString, bool publishes = false)
    {
        App = app;
        ConnectionString = connectionString;
        _inMemory = app.Get<IResourceCatalog>() as VersionedCatalog;
        _published = !publishes ? null : app.Get<IPublishedStore>() switch
        {
            PublishedStoreSwitch behind => behind.Files,
            var files => (InMemoryPublishedStore)files,
        };
        app.Snapshot.Fault = async (context, term, page) =>
        {
            var attempt = Hits.AddOrUpdate(page, 1, (_, n) => n + 1);
            return _fault is { } fault && await fault(context, page, attempt);
        };
    }

    public TestApp App { get; }
    public string ConnectionString { get; }
    public SnapshotServer Server => App.Snapshot;
    public SourceDefinition Source => App.Get<SourceRegistry>().Get(11);

    /// <summary>Requests per page number since the last <see cref="Inject"/>.</summary>
    public ConcurrentDictionary<int, int> Hits { get; } = new();

    public static readonly SnapshotTruth Truth = SnapshotTruth.Load();

    /// <summary>
    /// Storage clients that give up after one quick retry: an outage test waits for each failing call, and the SDK's
    /// default back-off (right for Azure) would make that half a minute.
    /// </summary>
    public static Action<Microsoft.Extensions.DependencyInjection.IServiceCollection> QuickStorageRetries(string connectionString) => services =>
    {
        static T Quick<T>(T options) where T : Azure.Core.ClientOptions
        {
            options.Retry.MaxRetries = 1;
            options.Retry.Delay = TimeSpan.FromMilliseconds(100);
            options.Retry.NetworkTimeout = TimeSpan.FromSeconds(5);
            return options;
        }
        Microsoft.Extensions.DependencyInjection.ServiceCollectionServiceExtensions.AddSingleton(services, new Azure.Data.Tables.TableServiceClient(connectionString, Quick(new Azure.Data.Tables.TableClientOptions())));
        Microsoft.Extensions.DependencyInjection.ServiceCollectionServiceExtensions.AddSingleton(services, new Azure.Storage.Blobs.BlobServiceClient(connectionString, Quick(new Azure.Storage.Blobs.BlobClientOptions())));
        Microsoft.Extensions.DependencyInjection.ServiceCollectionServiceExtensions.AddSingleton(services, new Azure.Storage.Queues.QueueServiceClient(connectionString, Quick(new Azure.Storage.Queues.QueueClientOptions { MessageEncoding = Azure.Storage.Queues.QueueMessageEncoding.Base64 })));
    };

    /// <summary>A rig around an app started with its own changes (e.g. a storage switch).</summary>
    public static FaultRig For(TestApp app, string connectionString) => new(app, connectionString);

    /// <summary>
    /// A rig on the in-memory catalog and published files, no Azurite. <paramref name="publish"/>: a run ingests and
    /// publishes (the CLI's run); otherwise it ingests only, for what a run decides and writes. <paramref name="configure"/>:
    /// more changes to the services (e.g. <see cref="PublishedStoreSwitch.Install"/>).
    /// </summary>
    public static async Task<FaultRig> StartInMemoryAsync(IDictionary<string, string?>? settings = null, bool publish = false,
        Action<Microsoft.Extensions.DependencyInjection.IServiceCollection>? configure = null) =>
        new(await TestApp.StartInMemoryAsync(settings, configure: services =>
        {
            VersionedCatalog.Decorate(services);
            configure?.Invoke(services);
        }), TestApp.NoStorage, publish);

    public static async Task<FaultRig> StartAsync(Azurite azurite, IDictionary<string, string?>? settings = null, string? connectionString = null,
        Action<Microsoft.Extensions.DependencyInjection.IServiceCollection>? configure = null)
    {
        var values = new Dictionary<string, string?>(settings ?? new Dictionary<string, string?>());
        if (connectionString is not null)
        {
            values["HubFeedStorage"] = connectionString;
        }
        var app = await TestApp.StartAsync(azurite, values, configure: configure);
        return new FaultRig(app, connectionString ?? azurite.ConnectionString);
    }

    /// <summary>Runs before every page is served with the page number and the how-many-th request for it this is; true when it answered.</summary>
    public void Inject(Func<HttpContext, int, int, Task<bool>>? fault)
    {
        Hits.Clear();
        _fault = fault;
    }

    public string PageUrl(int page) => Source.ListingPage(page).ToString();

    public async Task<SourceRunResult> RunAsync(CancellationToken cancellationToken = default) =>
        Assert.Single((_inMemory is null || _published is not null
            ? await App.Get<HubFeedRunner>().RunAsync(RunTrigger.Cli, cancellationToken)
            : await App.Get<HubFeedRunner>().IngestAllAsync([Source], RunTrigger.Cli, cancellationToken)).Sources);

    /// <summary>A run that must succeed (the good run before a fault, the run after it).</summary>
    public async Task<RunRecord> RunGoodAsync(int expectedActive = 213)
    {
        var run = (await RunAsync()).Run;
        Assert.True(run.Status == RunStatus.Succeeded, $"{run.Status}: {run.Error}");
        Assert.Equal(expectedActive, run.ItemsActive);
        return run;
    }

    /// <summary>The catalog's rows, read from the table itself.</summary>
    public async Task<List<TableEntity>> RowsAsync()
    {
        if (_inMemory is not null)
        {
            return await _inMemory.EntitiesAsync(Source.Key, Source.Objective);
        }
        var table = new TableServiceClient(ConnectionString).GetTableClient(App.TablePrefix + StorageTables.Resources);
        var rows = new List<TableEntity>();
        await foreach (var row in table.QueryAsync<TableEntity>(e => e.PartitionKey == Source.Key))
        {
            rows.Add(row);
        }
        return rows;
    }

    public async Task<IReadOnlyList<RunRecord>> RunsAsync() => await App.Get<IRunLog>().RecentAsync(Source.Key, 50, CancellationToken.None);

    public Task<SourceStateRow> StateAsync() => App.Get<SourceStateStore>().GetAsync(Source.Key, CancellationToken.None);

    public async Task<Published> PublishedAsync()
    {
        if (_published is not null)
        {
            return await PublishedInMemoryAsync(_published);
        }
        if (_inMemory is not null)
        {
            throw new InvalidOperationException("A rig that ingests only publishes nothing: start it with publish: true.");
        }
        using var response = await Http.GetAsync(App.Get<PublishJob>().Layout.Url(BlobLayout.JsonFeed(TestSources.Scope(11))));
        var bytes = await response.Content.ReadAsByteArrayAsync();
        var container = new BlobContainerClient(ConnectionString, App.Container);
        var blobs = new Dictionary<string, string>(StringComparer.Ordinal);
        if (await container.ExistsAsync())
        {
            await foreach (var blob in container.GetBlobsAsync())
            {
                blobs[blob.Name] = blob.Properties.ETag?.ToString() ?? "";
            }
        }
        return new Published(response.StatusCode, bytes, response.Headers.ETag?.ToString(), blobs);
    }

    /// <summary>What <see cref="PublishedAsync"/> reads over HTTP and the container listing, read from the in-memory files.</summary>
    private static async Task<Published> PublishedInMemoryAsync(InMemoryPublishedStore store)
    {
        var feed = await store.ReadAsync(BlobLayout.JsonFeed(TestSources.Scope(11)), CancellationToken.None);
        return new Published(feed is null ? HttpStatusCode.NotFound : HttpStatusCode.OK, feed?.Content ?? [], feed?.Version, store.Versions());
    }

    /// <summary>The rows are exactly these items, all active, field by field.</summary>
    public static void AssertRowsAre(IReadOnlyList<TableEntity> rows, IEnumerable<TruthItem> items)
    {
        var expected = items.ToDictionary(i => ResourceCatalog.IdFor(i.Url), StringComparer.Ordinal);
        Assert.Equal(expected.Keys.Order(StringComparer.Ordinal), rows.Select(r => r.RowKey).Order(StringComparer.Ordinal));
        foreach (var row in rows)
        {
            var item = expected[row.RowKey];
            Assert.Equal(item.Url, row.GetString("Url"));
            Assert.Equal(item.Title, row.GetString("Title"));
            Assert.Equal(item.Type, row.GetString("Type"));
            Assert.Equal(item.Date, row.GetString("Date") is { Length: > 0 } d ? d : null);
            Assert.Null(row.GetDateTimeOffset("Withdrawn"));
        }
    }

    /// <summary>The rows as (id, ETag): equal before and after means not one row was written.</summary>
    public static IReadOnlyList<(string Id, string ETag)> Versions(IEnumerable<TableEntity> rows) =>
        rows.Select(r => (r.RowKey, r.ETag.ToString())).OrderBy(r => r.RowKey, StringComparer.Ordinal).ToList();

    public async ValueTask DisposeAsync() => await App.DisposeAsync();
}

/// <summary>Small pieces the fault handlers share.</summary>
public static class Respond
{
    public static async Task<bool> StatusAsync(HttpContext context, int status, string? retryAfter = null)
    {
        context.Response.StatusCode = status;
        if (retryAfter is not null)
        {
            context.Response.Headers.RetryAfter = retryAfter;
        }
        await context.Response.WriteAsync($"fault {status}");
        return true;
    }

    /// <summary>Holds the request until the client gives up (or the delay passes), then answers nothing.</summary>
    public static async Task<bool> HangAsync(HttpContext context, TimeSpan delay)
    {
        try
        {
            await Task.Delay(delay, context.RequestAborted);
        }
        catch (OperationCanceledException)
        {
        }
        return true;
    }

    /// <summary>Promises the whole page, sends half, and drops the connection.</summary>
    public static async Task<bool> TruncatedAsync(HttpContext context, string html)
    {
        var bytes = System.Text.Encoding.UTF8.GetBytes(html);
        context.Response.ContentType = "text/html; charset=utf-8";
        context.Response.ContentLength = bytes.Length;
        await context.Response.Body.WriteAsync(bytes.AsMemory(0, bytes.Length / 2));
        await context.Response.Body.FlushAsync();
        context.Abort();
        return true;
    }
}
