using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using Azure.Identity;
using Azure.Storage.Blobs;
using HubFeed;
using HubFeed.Catalog;
using HubFeed.Cli;
using HubFeed.Layout;
using HubFeed.Pipeline;
using HubFeed.Publishing;
using HubFeed.Rendering;
using HubFeed.Sources;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

var sourceOption = new Option<string?>("--source")
{
    Description = "Where listing pages come from: 'snapshot' (the bundled seeds on a loopback server) or a base URL (the live Hub, a mirror). Default: HubFeed:Source:BaseUrl, the live Hub.",
};
var liveOption = new Option<bool>("--live") { Description = "Read the live Hub (https://migrationnetwork.un.org)." };
var jsonOption = new Option<bool>("--json") { Description = "Print a machine-readable summary on stdout." };
var verboseOption = new Option<bool>("--verbose", "-v") { Description = "Log progress to stderr." };
var objectiveOption = new Option<int[]>("--objective") { Description = "The objective(s) to run (1-23); repeat for several. Default: every enabled objective.", AllowMultipleArgumentsPerToken = true };
var allOption = new Option<bool>("--all") { Description = "Every enabled objective (HubFeed:Source:Objectives), then the index (the default)." };

string? SourceOf(ParseResult p) => p.GetValue(liveOption) ? "https://migrationnetwork.un.org" : p.GetValue(sourceOption);

Command WithCommon(Command c)
{
    c.Options.Add(sourceOption);
    c.Options.Add(liveOption);
    c.Options.Add(jsonOption);
    c.Options.Add(verboseOption);
    return c;
}

var run = WithCommon(new Command("run", "Ingest, then publish: the given objectives, or every enabled one, then the index and the combined feed."));
run.Options.Add(objectiveOption);
run.Options.Add(allOption);
run.SetAction((p, ct) => RunAsync(p, publish: true, ct));
var ingest = WithCommon(new Command("ingest", "Crawl the listing into the catalog, without publishing."));
ingest.Options.Add(objectiveOption);
ingest.SetAction((p, ct) => RunAsync(p, publish: false, ct));

var publishCommand = WithCommon(new Command("publish", "Publish what the catalog holds and the feeds do not show yet (no crawl)."));
publishCommand.SetAction(async (p, ct) =>
{
    await using var host = await CliHost.StartAsync(SourceOf(p), p.GetValue(verboseOption), cancellationToken: ct);
    var report = await host.Services.GetRequiredService<HubFeedRunner>().PublishAsync(ct);
    var links = Links(host.Services);
    Print(p, new { report.Succeeded, report.Sources, report.IndexError, links }, () =>
    {
        PrintRuns(report);
        PrintLinks(links);
    });
    return report.Succeeded ? 0 : 1;
});

var blobServiceOption = new Option<string?>("--blob-service-uri") { Description = "The content account's blob endpoint (Azure; your `az login` identity writes). Default: the configured storage (Azurite)." };
var containerOption = new Option<string?>("--container") { Description = "The public container (default: HubFeed:Publish:Container, feeds)." };
var publicBaseOption = new Option<string?>("--public-base-url") { Description = "The public URL of the container (Front Door or the blob endpoint)." };
var publishWidget = new Command("publish-widget", "Publish the widget (the immutable pinned script, the v1 script) and the demo page: the deploy's step, which the app's identity may not do.")
{
    blobServiceOption, containerOption, publicBaseOption, jsonOption, verboseOption,
};
publishWidget.SetAction(async (p, ct) =>
{
    var options = new PublishOptions
    {
        Container = p.GetValue(containerOption) ?? "feeds",
        PublicBaseUrl = UriOf(p.GetValue(publicBaseOption)),
    };
    BlobPublisher publisher;
    WidgetFiles widget;
    await using var host = p.GetValue(blobServiceOption) is null ? await CliHost.StartAsync(null, p.GetValue(verboseOption), cancellationToken: ct) : null;
    if (host is not null)
    {
        publisher = host.Services.GetRequiredService<BlobPublisher>();
        widget = host.Services.GetRequiredService<WidgetFiles>();
    }
    else
    {
        var o = Options.Create(options);
        publisher = new BlobPublisher(new HubFeed.Publishing.Azure.BlobPublishedStore(new BlobServiceClient(UriOf(p.GetValue(blobServiceOption)), new DefaultAzureCredential()), o), o, NullLogger<BlobPublisher>.Instance);
        // The deploy reads no app settings: the demo page carries the default objective's code.
        widget = new WidgetFiles(o, new SourceRegistry(Options.Create(new SourceOptions())));
    }
    // Generation 0: the widget's stable names follow the newest deploy, whatever it is.
    PublishResult result;
    try
    {
        result = await publisher.PublishAsync(widget.DeployFiles(publisher.Layout), 0, ct);
    }
    catch (Exception e) when (e is Azure.RequestFailedException or Azure.Identity.AuthenticationFailedException or AggregateException)
    {
        // The deploy stops on this (deploy.sh, the azd hook): say why in one line.
        Console.Error.WriteLine($"The widget could not be published: {e.Message.Split('\n')[0]}");
        return 1;
    }
    var pinned = widget.Pinned(publisher.Layout);
    Print(p, new { uploaded = result.Uploaded, unchanged = result.Unchanged, script = pinned.Url, integrity = pinned.Integrity, demo = publisher.Layout.Url(BlobLayout.DemoPage) }, () =>
    {
        Console.WriteLine($"Widget: {result.Uploaded} uploaded, {result.Unchanged} unchanged.");
        Console.WriteLine($"Script: {pinned.Url} ({pinned.Integrity})");
        Console.WriteLine($"Demo: {publisher.Layout.Url(BlobLayout.DemoPage)}");
    });
    return 0;
});

var snippetObjective = new Option<string>("--objective") { Description = "The objective (1-23) or 'all'.", Required = true };
var langOption = new Option<string?>("--lang") { Description = "ar, zh, en, fr, ru or es." };
var limitOption = new Option<int?>("--limit") { Description = "Items shown first, and per \"Show more\"." };
var typesOption = new Option<string?>("--types") { Description = "Comma-separated types to keep (resource,pledge,…)." };
var themeOption = new Option<string?>("--theme") { Description = "light, dark or auto." };
var headingOption = new Option<int?>("--heading-level") { Description = "1-6." };
var lazyOption = new Option<bool>("--lazy") { Description = "loading=\"lazy\"." };
var stableOption = new Option<bool>("--stable") { Description = "The v1 script (updates itself, no SRI) instead of the pinned one." };
var formOption = new Option<string>("--form") { Description = "script (own site with CSP control), iframe (a CMS that allows iframes) or url (paste it: any CMS with oEmbed).", DefaultValueFactory = _ => "script" };
formOption.AcceptOnlyFromAmong([.. EmbedRenderer.FormNames]);
var snippet = new Command("snippet", "Print the snippet to paste (the one generator: the published embed.html, the API and the demo page use it too). No network.")
{
    snippetObjective, formOption, publicBaseOption, langOption, limitOption, typesOption, themeOption, headingOption, lazyOption, stableOption,
};
snippet.SetAction(async (p, ct) =>
{
    await using var host = await CliHost.StartAsync(null, false, validate: false, cancellationToken: ct);
    var registry = host.Services.GetRequiredService<SourceRegistry>();
    var objective = p.GetValue(snippetObjective)!;
    FeedScope scope;
    if (objective == "all")
    {
        scope = FeedScope.All(registry.Enabled, registry.All.First().CanonicalBase);
    }
    else if (int.TryParse(objective, NumberStyles.None, CultureInfo.InvariantCulture, out var n) && registry.TryGet(n, out var source))
    {
        scope = FeedScope.For(source);
    }
    else
    {
        Console.Error.WriteLine($"--objective takes 1-23 or 'all', not '{objective}'.");
        return 2;
    }
    var layout = UriOf(p.GetValue(publicBaseOption)) is { } root ? new BlobLayout(root) : host.Services.GetRequiredService<BlobPublisher>().Layout;
    var widget = host.Services.GetRequiredService<WidgetFiles>();
    var script = p.GetValue(stableOption) ? WidgetFiles.Stable(layout) : widget.Pinned(layout);
    var types = p.GetValue(typesOption)?.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
    Console.Write(EmbedRenderer.Render(EmbedRenderer.ParseForm(p.GetValue(formOption))!.Value, new EmbedOptions(IndexRenderer.EmbedValue(scope),
        p.GetValue(langOption), p.GetValue(limitOption), types, p.GetValue(themeOption), p.GetValue(headingOption), p.GetValue(lazyOption)), scope, layout, script));
    return 0;
});

var status = WithCommon(new Command("status", "The recent runs of every enabled objective, what the feeds show, held runs, rows set aside, poisoned run requests; exit 1 when held, failing or unhealthy."));
status.SetAction(async (p, ct) =>
{
    await using var host = await CliHost.StartAsync(SourceOf(p), p.GetValue(verboseOption), cancellationToken: ct);
    var report = await host.Services.GetRequiredService<HealthService>().GetAsync(recent: 10, detail: true, ct);
    Print(p, report, () => CliOutput.Status(report));
    return report.Status == HealthStatus.Healthy ? 0 : 1;
});

var acceptObjective = new Option<int>("--objective") { Description = "The objective whose held change to accept.", Required = true };
var accept = WithCommon(new Command("accept", "Accept the change a guard held (a count that rose or fell sharply, a field gone missing): shows what it would publish; the next run applies exactly that change, once. Exit 1 when nothing is held."));
accept.Options.Add(acceptObjective);
accept.SetAction(async (p, ct) =>
{
    await using var host = await CliHost.StartAsync(SourceOf(p), p.GetValue(verboseOption), cancellationToken: ct);
    var registry = host.Services.GetRequiredService<SourceRegistry>();
    if (!registry.TryGet(p.GetValue(acceptObjective), out var source))
    {
        Console.Error.WriteLine($"Objective {p.GetValue(acceptObjective)} is not defined (1-23 are).");
        return 2;
    }
    if (await host.Services.GetRequiredService<SourceStateStore>().AcceptAsync(source.Key, "cli:" + Environment.UserName, ct) is not { } accepted)
    {
        Console.Error.WriteLine($"{source.Key}: nothing is held, so there is nothing to accept; nothing was changed.");
        return 1;
    }
    Print(p, accepted, () => CliOutput.Accepted(source.Key, accepted));
    return 0;
});

var target = new Argument<string?>("page") { Description = "A listing page: a URL, or a saved HTML file. Default: page 0 of the objective's listing from the source.", Arity = ArgumentArity.ZeroOrOne };
var doctorObjective = new Option<int>("--objective") { Description = "Read the page as this objective's listing.", DefaultValueFactory = _ => 11 };
var doctor = WithCommon(new Command("doctor", "Read one listing page as a run would, and report what was found: the results line, rows, each field's fill rate and samples, the structure (XPath), where the configured selectors disagree. Exit 1 when no listing is found."));
doctor.Arguments.Add(target);
doctor.Options.Add(doctorObjective);
doctor.SetAction(async (p, ct) =>
{
    var page = p.GetValue(target);
    var fromUrl = page is not null && Uri.TryCreate(page, UriKind.Absolute, out var pageUri) && pageUri.Scheme is "http" or "https";
    await using var host = await CliHost.StartAsync(fromUrl ? new Uri(page!).GetLeftPart(UriPartial.Authority) : SourceOf(p), p.GetValue(verboseOption), validate: false, cancellationToken: ct);
    var registry = host.Services.GetRequiredService<SourceRegistry>();
    if (!registry.TryGet(p.GetValue(doctorObjective), out var source))
    {
        Console.Error.WriteLine($"Objective {p.GetValue(doctorObjective)} is not defined (1-23 are).");
        return 2;
    }
    string html;
    Uri url;
    if (page is not null && !fromUrl)
    {
        if (!File.Exists(page))
        {
            Console.Error.WriteLine($"{page}: no such file (give a URL or a saved HTML file).");
            return 2;
        }
        html = await File.ReadAllTextAsync(page, ct);
        url = source.ListingPage(0);
    }
    else
    {
        url = fromUrl ? new Uri(page!) : source.ListingPage(0);
        try
        {
            html = (await host.Services.GetRequiredService<HubListingClient>().GetAsync(url, null, null, ct)).Html ?? "";
        }
        catch (SourceUnavailableException e)
        {
            Console.Error.WriteLine(e.Message);
            return 1;
        }
    }
    var report = ListingDoctor.Examine(html, url, source, page ?? url.AbsoluteUri);
    Print(p, report, () => CliOutput.Doctor(report, source));
    return report.ListingFound ? 0 : 1;
});

var outOption = new Option<string>("--out") { Description = "The folder to write objective-N/page-K.html and expected.json into (the seeds layout: seeds/snapshot).", Required = true };
var snapshotObjective = new Option<int>("--objective") { Description = "The objective to save.", Required = true };
var snapshotCommand = WithCommon(new Command("snapshot", "Save an objective's listing, politely, as a snapshot in the seeds layout with its truth file (expected.json: check it by eye)."));
snapshotCommand.Options.Add(snapshotObjective);
snapshotCommand.Options.Add(outOption);
snapshotCommand.SetAction(async (p, ct) =>
{
    await using var host = await CliHost.StartAsync(SourceOf(p), p.GetValue(verboseOption), validate: false, cancellationToken: ct);
    if (!host.Services.GetRequiredService<SourceRegistry>().TryGet(p.GetValue(snapshotObjective), out var source))
    {
        Console.Error.WriteLine($"Objective {p.GetValue(snapshotObjective)} is not defined (1-23 are).");
        return 2;
    }
    var summary = await host.Services.GetRequiredService<ListingSnapshot>().WriteAsync(source, p.GetValue(outOption)!, ct);
    Print(p, summary, () => Console.WriteLine($"{summary.Folder}: {summary.Pages} pages, {summary.Items} items read, {summary.Quarantined} set aside{(summary.Results is { } r ? $" (the listing says {r.Total})" : "")}. Check expected.json by eye before using it as a test's truth."));
    return 0;
});

var portOption = new Option<int>("--port") { Description = "Port on 127.0.0.1.", DefaultValueFactory = _ => 7071 };
var concurrencyOption = new Option<int>("--queue-concurrency") { Description = "Run requests processed at once.", DefaultValueFactory = _ => 1 };
var serve = WithCommon(new Command("serve", "Serve the Function app's HTTP API on 127.0.0.1 as Azure does (function-level routes need the key it prints), and process the run queue."));
serve.Options.Add(portOption);
serve.Options.Add(concurrencyOption);
serve.SetAction(async (p, ct) =>
{
    var port = p.GetValue(portOption);
    if (!Loopback.PortIsFree(port))
    {
        Console.Error.WriteLine($"Port {port} on 127.0.0.1 is taken (another `hubfeed serve`?). Stop it, or pick another: --port {Loopback.FreePort()}.");
        return 4;
    }
    // The same source as the other commands: with --source snapshot, queued runs crawl the bundled seeds.
    await using var source = await CliSource.StartAsync(SourceOf(p), ct);
    var key = Environment.GetEnvironmentVariable("HUBFEED_FUNCTION_KEY") is { Length: > 0 } k ? k : LocalFunctionsServer.NewKey();
    await using var app = LocalFunctionsServer.Build(port, source.Apply, p.GetValue(verboseOption), key, p.GetValue(concurrencyOption));
    await app.StartAsync(ct);
    Console.WriteLine($"API: http://127.0.0.1:{port}/api/  (function key: {key})");
    foreach (var route in LocalFunctionsServer.Discover(typeof(HubFeed.Functions.RunFunctions).Assembly))
    {
        Console.WriteLine($"  {string.Join('|', route.Methods),-4} /{route.Route}{(route.Level == Microsoft.Azure.Functions.Worker.AuthorizationLevel.Anonymous ? "" : "  (key)")}");
    }
    // Ends on Ctrl-C or SIGTERM (the host's console lifetime) or when the command is cancelled.
    try
    {
        await app.WaitForShutdownAsync(ct);
    }
    catch (OperationCanceledException)
    {
    }
    return 0;
});

var root = new RootCommand("hubfeed: ingest the UN Migration Network Hub's listings for GCM objectives and publish them as feeds and an embeddable widget.")
{
    run, ingest, publishCommand, publishWidget, snippet, status, accept, doctor, snapshotCommand, serve,
};
return await root.Parse(args).InvokeAsync();

async Task<int> RunAsync(ParseResult p, bool publish, CancellationToken ct)
{
    await using var host = await CliHost.StartAsync(SourceOf(p), p.GetValue(verboseOption), cancellationToken: ct);
    var runner = host.Services.GetRequiredService<HubFeedRunner>();
    var registry = host.Services.GetRequiredService<SourceRegistry>();
    var chosen = p.GetValue(objectiveOption) ?? [];
    var which = new List<SourceDefinition>();
    foreach (var n in chosen)
    {
        if (!registry.TryGet(n, out var s))
        {
            Console.Error.WriteLine($"Objective {n} is not defined (1-23 are).");
            return 2;
        }
        if (!registry.Enabled.Contains(s))
        {
            Console.Error.WriteLine($"Note: objective {n} is not enabled (HubFeed:Source:Objectives); its feed is published but not listed in objectives.json.");
        }
        which.Add(s);
    }
    var sources = which.Count > 0 ? which : registry.Enabled;
    var report = publish ? await runner.RunAllAsync(sources, RunTrigger.Cli, ct) : await runner.IngestAllAsync(sources, RunTrigger.Cli, ct);
    var links = Links(host.Services);
    Print(p, new { report.Succeeded, report.Sources, report.IndexError, links = publish ? links : null }, () =>
    {
        PrintRuns(report);
        if (publish && report.Succeeded)
        {
            PrintLinks(links);
        }
    });
    return report.Succeeded ? 0 : report.InProgressElsewhere ? 3 : 1;
}

static Uri? UriOf(string? value) => value is null ? null
    : Uri.TryCreate(value, UriKind.Absolute, out var uri) && uri.Scheme is "http" or "https" ? uri
    : throw new ArgumentException($"'{value}' is not an http(s) URL.");

static PublicUrls Links(IServiceProvider services)
{
    var layout = services.GetRequiredService<PublishJob>().Layout;
    var objectives = services.GetRequiredService<SourceRegistry>().Enabled
        .Select(s => FeedScope.For(s))
        .Select(scope => new ObjectiveUrls(scope.Source!.Objective, layout.Url(BlobLayout.JsonFeed(scope)), layout.Url(BlobLayout.Atom(scope)), layout.Url(BlobLayout.HtmlList(scope)), layout.Url(BlobLayout.Snippet(scope))))
        .ToList();
    return new PublicUrls(layout.Url(BlobLayout.DemoPage), layout.Url(BlobLayout.IndexPage), layout.Url(BlobLayout.IndexJson), objectives);
}

static void PrintLinks(PublicUrls links)
{
    Console.WriteLine($"Demo: {links.Demo}");
    Console.WriteLine($"Index: {links.Index}");
    foreach (var o in links.Objectives)
    {
        Console.WriteLine($"Feed: {o.Feed}");
        Console.WriteLine($"Embed: {o.Snippet}");
    }
}

static void PrintRuns(RunReport report)
{
    foreach (var s in report.Sources)
    {
        CliOutput.Run(s.Run);
    }
    if (report.IndexError is not null)
    {
        Console.WriteLine(report.IndexError);
    }
}

void Print(ParseResult p, object value, Action text)
{
    if (p.GetValue(jsonOption))
    {
        Console.WriteLine(JsonSerializer.Serialize(value, HubFeedJson.Options));
    }
    else
    {
        text();
    }
}

/// <summary>Where the published files can be opened (all from <see cref="BlobLayout"/>).</summary>
internal sealed record PublicUrls(Uri Demo, Uri Index, Uri IndexJson, IReadOnlyList<ObjectiveUrls> Objectives)
{
    /// <summary>The first enabled objective's feed.</summary>
    public Uri? Feed => Objectives.Count > 0 ? Objectives[0].Feed : null;
}

internal sealed record ObjectiveUrls(int Objective, Uri Feed, Uri Atom, Uri Html, Uri Snippet);
