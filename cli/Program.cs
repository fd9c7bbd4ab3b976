using System.CommandLine;
using System.Text.Json;
using HubFeed.Catalog;
using HubFeed.Cli;
using HubFeed.Hosting;
using HubFeed.Pipeline;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

var sourceOption = new Option<string?>("--source")
{
    Description = "Where listing pages come from: 'snapshot' (the bundled seeds on a loopback server) or a base URL (the live Hub, a mirror). Default: HubFeed:Source:BaseUrl, the live Hub.",
};
var liveOption = new Option<bool>("--live") { Description = "Read the live Hub (https://migrationnetwork.un.org)." };
var jsonOption = new Option<bool>("--json") { Description = "Print a machine-readable summary on stdout." };
var verboseOption = new Option<bool>("--verbose", "-v") { Description = "Log progress to stderr." };

string? SourceOf(ParseResult p) => p.GetValue(liveOption) ? "https://migrationnetwork.un.org" : p.GetValue(sourceOption);

Command WithCommon(Command c)
{
    c.Options.Add(sourceOption);
    c.Options.Add(liveOption);
    c.Options.Add(jsonOption);
    c.Options.Add(verboseOption);
    return c;
}

var run = WithCommon(new Command("run", "Ingest every enabled objective, then publish its feeds (what the timer does)."));
run.SetAction((p, ct) => RunAsync(p, publish: true, ct));
var ingest = WithCommon(new Command("ingest", "Crawl the listing into the catalog, without publishing."));
ingest.SetAction((p, ct) => RunAsync(p, publish: false, ct));

var publishCommand = WithCommon(new Command("publish", "Render the catalog as it stands and publish it."));
publishCommand.SetAction(async (p, ct) =>
{
    await using var host = await CliHost.StartAsync(SourceOf(p), p.GetValue(verboseOption), cancellationToken: ct);
    var runner = host.Services.GetRequiredService<HubFeedRunner>();
    var result = await runner.PublishAsync(ct);
    var links = Links(host.Services);
    Print(p, new { published = result, links }, () =>
    {
        Console.WriteLine($"Published: {result.Uploaded} blobs uploaded, {result.Unchanged} unchanged.");
        PrintLinks(links);
    });
    return 0;
});

var status = WithCommon(new Command("status", "Show the recent runs of every enabled objective and whether HubFeed is healthy."));
status.SetAction(async (p, ct) =>
{
    await using var host = await CliHost.StartAsync(SourceOf(p), p.GetValue(verboseOption), cancellationToken: ct);
    var report = await host.Services.GetRequiredService<HealthService>().GetAsync(recent: 10, ct);
    Print(p, report, () =>
    {
        Console.WriteLine(report.Healthy ? "Healthy" : $"Unhealthy: no successful run within {report.MaxRunAgeHours} h");
        foreach (var s in report.Sources)
        {
            Console.WriteLine($"{s.Source}: last success {s.LastSuccess?.Ended?.ToString("u") ?? "never"}");
            foreach (var r in s.RecentRuns)
            {
                Console.WriteLine($"  {r.Started:u} {r.Trigger,-5} {r.Status,-9} listed {r.ItemsListed}, new {r.ItemsNew}, changed {r.ItemsChanged}, withdrawn {r.ItemsWithdrawn}, pages {r.PagesFetched} fetched / {r.PagesNotModified} not modified{(r.Error is null ? "" : " - " + r.Error)}");
            }
        }
    });
    return report.Healthy ? 0 : 1;
});

var portOption = new Option<int>("--port") { Description = "Port on 127.0.0.1.", DefaultValueFactory = _ => 7071 };
var serve = WithCommon(new Command("serve", "Serve the Function app's HTTP API on 127.0.0.1 (/api/health, /api/run, /api/objectives/{n}/resources, /api/objectives/{n}/embed)."));
serve.Options.Add(portOption);
serve.SetAction(async (p, ct) =>
{
    // The same source as the other commands: with --source snapshot, POST /api/run crawls the bundled seeds.
    await using var source = await CliSource.StartAsync(SourceOf(p), ct);
    await using var app = LocalFunctionsServer.Build(p.GetValue(portOption), source.Apply, p.GetValue(verboseOption));
    await app.StartAsync(ct);
    Console.WriteLine($"API: http://127.0.0.1:{p.GetValue(portOption)}/api/");
    foreach (var route in LocalFunctionsServer.Discover(typeof(HubFeed.Functions.RunFunctions).Assembly))
    {
        Console.WriteLine($"  {string.Join('|', route.Methods),-4} /{route.Route}");
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

var root = new RootCommand("hubfeed: ingest the UN Migration Network Hub's listing for a GCM objective and publish it as feeds and an embeddable widget.")
{
    run, ingest, publishCommand, status, serve,
};
return await root.Parse(args).InvokeAsync();

async Task<int> RunAsync(ParseResult p, bool publish, CancellationToken ct)
{
    await using var host = await CliHost.StartAsync(SourceOf(p), p.GetValue(verboseOption), cancellationToken: ct);
    var runner = host.Services.GetRequiredService<HubFeedRunner>();
    var report = publish ? await runner.RunAsync(RunTrigger.Cli, ct) : await runner.IngestAsync(RunTrigger.Cli, ct);
    var links = Links(host.Services);
    Print(p, new { report.Succeeded, report.Sources, links = publish ? links : null }, () =>
    {
        foreach (var s in report.Sources)
        {
            var r = s.Run;
            Console.WriteLine($"{r.Source}: {r.Status.ToString().ToLowerInvariant()} - {r.ItemsListed} listed, {r.ItemsNew} new, {r.ItemsChanged} changed, {r.ItemsUnchanged} unchanged, {r.ItemsWithdrawn} withdrawn; {r.PagesFetched} pages fetched, {r.PagesNotModified} not modified; {r.RowsWritten} rows written, {r.BlobsUploaded} blobs uploaded{(r.Error is null ? "" : Environment.NewLine + "  " + r.Error)}");
        }
        if (publish && report.Succeeded)
        {
            PrintLinks(links);
        }
    });
    return report.Succeeded ? 0 : report.InProgressElsewhere ? 3 : 1;
}

static PublicUrls Links(IServiceProvider services)
{
    var links = services.GetRequiredService<PublishJob>().Links;
    var objective = services.GetRequiredService<HubFeed.Sources.SourceRegistry>().Enabled[0].Objective;
    return new PublicUrls(links.JsonFeed(objective), links.EmbedScript(objective), links.Demo, links.AtomFeed(objective), links.HtmlList(objective));
}

static void PrintLinks(PublicUrls links)
{
    Console.WriteLine($"Feed: {links.Feed}");
    Console.WriteLine($"Embed: {links.Embed}");
    Console.WriteLine($"Demo: {links.Demo}");
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

/// <summary>Where the published files of the first enabled objective can be opened.</summary>
internal sealed record PublicUrls(Uri Feed, Uri Embed, Uri Demo, Uri Atom, Uri Html);
