using System.Collections.Concurrent;
using System.Globalization;
using System.ServiceModel.Syndication;
using System.Xml;
using HubFeed.Serving;
using HubFeed.Tests.Faults;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Logging;

namespace HubFeed.Tests.Publishing;

/// <summary>
/// The change history through the real pipeline (stand-in Hub, the in-memory storage, the published files read through
/// the port): 213 → 214 (one added) → 214 with one title edited → 213 (one withdrawn) is exactly three events in every
/// changes feed and in since=, and a run that changes nothing records nothing and rewrites nothing (not one change row's
/// version moves). What the changes feeds say to readers and to a WebSub hub is <see cref="ChangeFeedTests"/>.
/// </summary>
public sealed class ChangeHistoryTests
{
    internal const string NewUrl = "https://migrationnetwork.un.org/resources/new-border-resource-1";

    internal static string NewRow() =>
        "<div class=\"views-row\"><div class=\"views-field views-field-title\"><span class=\"field-content\"><a href=\"/resources/new-border-resource-1\" hreflang=\"en\">New border resource 1</a></span></div>" +
        "<div class=\"views-field views-field-type\"><span class=\"field-content\">Resource</span></div>" +
        "<div class=\"views-field views-field-created\"><span class=\"field-content\">29 Jan 2026</span></div></div>";

    /// <summary>
    /// The feeds' times are to the second: a mark between two runs is a second clear of both. The app's clock is moved
    /// on instead of waited for.
    /// </summary>
    private static DateTimeOffset Mark(ShiftedClock clock)
    {
        clock.Advance(TimeSpan.FromMilliseconds(1100));
        var mark = clock.GetUtcNow();
        clock.Advance(TimeSpan.FromMilliseconds(1100));
        return mark;
    }

    /// <summary>The events of a changes feed as (change, item URL, fields), in feed order, from its JSON Feed and its Atom.</summary>
    private static async Task<(List<string> Json, List<string> Atom)> EventsAsync(TestApp app, FeedScope scope)
    {
        using var json = JsonDocument.Parse(await app.PublishedTextAsync(app.Layout.Url(BlobLayout.ChangesJson(scope))));
        Assert.False(json.RootElement.GetProperty("_gcm").GetProperty("complete").GetBoolean());
        var fromJson = json.RootElement.GetProperty("items").EnumerateArray().Select(i =>
        {
            var g = i.GetProperty("_gcm");
            return $"{g.GetProperty("change").GetString()} {i.GetProperty("url").GetString()} [{string.Join(',', g.GetProperty("fields").EnumerateArray().Select(f => f.GetString()))}]";
        }).ToList();
        using var reader = XmlReader.Create(new StringReader(await app.PublishedTextAsync(app.Layout.Url(BlobLayout.ChangesAtom(scope)))));
        var atom = SyndicationFeed.Load(reader);
        var fromAtom = atom.Items.Select(i => $"{i.Categories[0].Name} {i.Links.First(l => l.RelationshipType is null or "alternate").Uri.AbsoluteUri} " +
            (i.Title.Text.StartsWith("Changed (", StringComparison.Ordinal) ? "[" + i.Title.Text[9..i.Title.Text.IndexOf(')', StringComparison.Ordinal)].Replace(", ", ",", StringComparison.Ordinal) + "]" : "[]")).ToList();
        return (fromJson, fromAtom);
    }

    private static async Task AssertEventsAsync(TestApp app, params string[] expected)
    {
        foreach (var scope in new[] { FeedScope.For(app.Get<HubFeed.Sources.SourceRegistry>().Get(11)), FeedScope.All(app.Get<HubFeed.Sources.SourceRegistry>().Enabled, new Uri("https://migrationnetwork.un.org/")) })
        {
            var (json, atom) = await EventsAsync(app, scope);
            Assert.Equal(expected, json);
            Assert.Equal(expected, atom);
        }
    }

    /// <summary>The item URLs the API gives for since= (objective 11 and all), checking each carries _gcm.first_seen.</summary>
    private static async Task<List<string>> SinceAsync(TestApp app, DateTimeOffset since, string objective = "11")
    {
        var text = since.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture);
        var query = new Dictionary<string, IReadOnlyList<string>> { ["since"] = [text], ["limit"] = ["100"] };
        var answer = await app.Get<ResourceApi>().ResourcesAsync(new ApiRequest(objective, query, new Uri($"http://127.0.0.1:7071/api/objectives/{objective}/resources?since={text}")), CancellationToken.None);
        var content = Assert.IsType<ApiAnswer.Content>(answer);
        using var doc = JsonDocument.Parse(content.Body);
        var items = doc.RootElement.GetProperty("items").EnumerateArray().ToList();
        Assert.All(items, i => Assert.True(DateTimeOffset.Parse(i.GetProperty("_gcm").GetProperty("first_seen").GetString()!, CultureInfo.InvariantCulture) <= app.Get<TimeProvider>().GetUtcNow()));
        return items.Select(i => i.GetProperty("url").GetString()!).Order(StringComparer.Ordinal).ToList();
    }

    [Fact]
    public async Task Added_changed_withdrawn_are_exactly_three_events_in_both_changes_feeds_and_in_since_and_a_run_with_no_change_records_and_rewrites_nothing()
    {
        var clock = new ShiftedClock();
        await using var rig = await FaultRig.StartInMemoryAsync(publish: true, configure: services =>
        {
            VersionedChangeLog.Decorate(services);
            clock.Register(services);
        });
        await rig.RunGoodAsync();
        await AssertEventsAsync(rig.App); // the first listing is the baseline, not news
        var t0 = Mark(clock);
        Assert.Empty(await SinceAsync(rig.App, t0));

        Listing.Serve(rig.Server, [NewRow(), .. Listing.Rows]);
        await rig.RunGoodAsync(expectedActive: 214);
        await AssertEventsAsync(rig.App, $"added {NewUrl} []");
        Assert.Equal([NewUrl], await SinceAsync(rig.App, t0));
        var t1 = Mark(clock);

        var rows = Listing.Rows.ToList();
        var edited = Listing.UrlOf(rows[40]);
        rows[40] = Listing.WithTitle(rows[40], "A corrected title");
        Listing.Serve(rig.Server, [NewRow(), .. rows]);
        await rig.RunGoodAsync(expectedActive: 214);
        await AssertEventsAsync(rig.App, $"changed {edited} [title]", $"added {NewUrl} []");
        Assert.Equal(new[] { NewUrl, edited }.Order(StringComparer.Ordinal), await SinceAsync(rig.App, t0));
        Assert.Equal([edited], await SinceAsync(rig.App, t1));
        var feed = await rig.PublishedAsync();
        var item = Assert.Single(feed.Items, i => i.GetProperty("url").GetString() == edited);
        Assert.True(DateTimeOffset.Parse(item.GetProperty("date_modified").GetString()!, CultureInfo.InvariantCulture) > t1);
        Assert.DoesNotContain(feed.Items, i => i.GetProperty("url").GetString() != edited && i.TryGetProperty("date_modified", out _));
        var t2 = Mark(clock);

        Listing.Serve(rig.Server, rows);
        var withdrawn = await rig.RunGoodAsync();
        Assert.Equal(1, withdrawn.ItemsWithdrawn);
        string[] three = [$"withdrawn {NewUrl} []", $"changed {edited} [title]", $"added {NewUrl} []"];
        await AssertEventsAsync(rig.App, three);
        Assert.Equal([edited], await SinceAsync(rig.App, t0));
        Assert.Equal([edited], await SinceAsync(rig.App, t0, "all"));
        Assert.Empty(await SinceAsync(rig.App, t2));

        // No change at the source: no event, not one blob rewritten, not one change row written.
        var before = await rig.PublishedAsync();
        var changeRows = await ChangeRowsAsync(rig);
        var again = await rig.RunGoodAsync();
        Assert.Equal(0, again.BlobsUploaded);
        (await rig.PublishedAsync()).AssertUnchangedSince(before);
        Assert.Equal(changeRows, await ChangeRowsAsync(rig));
        await AssertEventsAsync(rig.App, three);
    }

    /// <summary>The change rows with their versions: equal before and after means not one was written.</summary>
    private static Task<List<string>> ChangeRowsAsync(FaultRig rig) => ((VersionedChangeLog)rig.App.Get<HubFeed.Catalog.IChangeLog>()).RowsAsync();
}

/// <summary>A WebSub hub on a loopback port that records each publish ping (hub.mode, hub.url) and answers <see cref="Status"/>.</summary>
public sealed class LoopbackHub : IAsyncDisposable
{
    private readonly WebApplication _app;

    private LoopbackHub(WebApplication app) => _app = app;

    public ConcurrentQueue<(string Mode, string Topic)> Pings { get; } = new();
    public int Status { get; set; } = 204;
    public Uri Url { get; private set; } = null!;

    public static async Task<LoopbackHub> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        var app = builder.Build();
        var hub = new LoopbackHub(app);
        app.MapPost("/hub", async (HttpContext context) =>
        {
            var form = await context.Request.ReadFormAsync();
            hub.Pings.Enqueue((form["hub.mode"].ToString(), form["hub.url"].ToString()));
            context.Response.StatusCode = hub.Status;
        });
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        hub.Url = new Uri(address + "/hub");
        return hub;
    }

    public async ValueTask DisposeAsync() => await _app.DisposeAsync();
}
