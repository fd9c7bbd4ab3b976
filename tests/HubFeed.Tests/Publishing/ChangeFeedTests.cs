using System.Diagnostics;
using System.Xml.Linq;
using HubFeed.Hosting;
using HubFeed.Publishing.InMemory;
using HubFeed.Rendering;
using HubFeed.Tests.Faults;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Options;

namespace HubFeed.Tests.Publishing;

/// <summary>
/// The changes feeds as readers and a WebSub hub see them, after full runs on the in-memory storage: Debian's
/// feedparser reads them, the list feeds say they are complete, a configured hub is advertised by every feed and pinged
/// once per changed feed. The change history's rows themselves are <see cref="ChangeHistoryTests"/> (Azurite).
/// </summary>
public sealed class ChangeFeedTests
{
    [Fact]
    public async Task Debian_feedparser_reads_the_changes_feed_and_the_list_feed_says_it_is_complete()
    {
        await using var rig = await FaultRig.StartInMemoryAsync(publish: true);
        await rig.RunGoodAsync();
        var rows = Listing.Rows.ToList();
        var edited = Listing.UrlOf(rows[3]);
        rows[3] = Listing.WithTitle(rows[3], "Une ressource renommée");
        Listing.Serve(rig.Server, [ChangeHistoryTests.NewRow(), .. rows]);
        await rig.RunGoodAsync(expectedActive: 214);

        var read = await FeedparserAsync(await rig.App.PublishedTextAsync(rig.App.Layout.Url(BlobLayout.ChangesAtom(FeedScope.For(rig.Source)))));
        Assert.Equal(0, read.GetProperty("bozo").GetInt32());
        var entries = read.GetProperty("entries").EnumerateArray().ToList();
        Assert.Equal(2, entries.Count);
        Assert.Equal(new[] { ChangeHistoryTests.NewUrl, edited }.Order(StringComparer.Ordinal), entries.Select(e => e.GetProperty("link").GetString()!).Order(StringComparer.Ordinal));
        Assert.Contains(entries, e => e.GetProperty("title").GetString() == "Changed (title): Une ressource renommée");
        Assert.All(entries, e => Assert.True(e.GetProperty("published").GetString()!.Length > 0));
        Assert.Equal(2, entries.Select(e => e.GetProperty("id").GetString()).Distinct().Count());

        var list = XDocument.Parse(await rig.App.PublishedTextAsync(rig.App.Layout.Url(BlobLayout.Atom(TestSources.Scope(11)))));
        Assert.NotNull(list.Root!.Element(ItemTimes.FeedHistory + "complete"));
        using var json = JsonDocument.Parse(await rig.App.PublishedTextAsync(rig.App.Layout.Url(BlobLayout.JsonFeed(TestSources.Scope(11)))));
        Assert.True(json.RootElement.GetProperty("_gcm").GetProperty("complete").GetBoolean());
        Assert.Equal(rig.App.Layout.Url(BlobLayout.ChangesJson(FeedScope.For(rig.Source))).AbsoluteUri, json.RootElement.GetProperty("_gcm").GetProperty("changes").GetString());
        // Nothing configured: no hub advertised anywhere.
        Assert.False(json.RootElement.TryGetProperty("hubs", out _));
        Assert.DoesNotContain(list.Root.Elements(XName.Get("link", "http://www.w3.org/2005/Atom")), l => (string?)l.Attribute("rel") == "hub");
        using var index = JsonDocument.Parse(await rig.App.PublishedTextAsync(rig.App.Layout.Url(BlobLayout.IndexJson)));
        Assert.Equal(rig.App.Layout.Url(BlobLayout.ChangesAtom(FeedScope.For(rig.Source))).AbsoluteUri,
            index.RootElement.GetProperty("objectives")[0].GetProperty("changes_atom").GetString());
        Assert.EndsWith("all/changes.json", index.RootElement.GetProperty("all").GetProperty("changes_json_feed").GetString(), StringComparison.Ordinal);
    }

    /// <summary>Debian's python3-feedparser (from /usr/bin/python3) on an Atom document: bozo and each entry's fields, as JSON.</summary>
    private static async Task<JsonElement> FeedparserAsync(string atom)
    {
        const string script = "import sys, json, feedparser\n" +
            "d = feedparser.parse(sys.stdin.buffer.read())\n" +
            "print(json.dumps({'bozo': int(d.bozo), 'entries': [{'id': e.get('id'), 'title': e.get('title'), 'link': e.get('link'), 'published': e.get('published', '')} for e in d.entries]}))\n";
        using var process = Process.Start(new ProcessStartInfo("/usr/bin/python3", ["-c", script])
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        })!;
        await process.StandardInput.WriteAsync(atom);
        process.StandardInput.Close();
        var output = await process.StandardOutput.ReadToEndAsync();
        var error = await process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        Assert.True(process.ExitCode == 0, "feedparser: " + error);
        return JsonDocument.Parse(output).RootElement.Clone();
    }

    [Fact]
    public async Task A_configured_websub_hub_is_advertised_by_every_feed_and_pinged_once_per_changed_feed_and_never_on_a_run_with_no_change()
    {
        await using var hub = await LoopbackHub.StartAsync();
        await using var rig = await FaultRig.StartInMemoryAsync(new Dictionary<string, string?> { ["HubFeed:Publish:WebSubHub"] = hub.Url.AbsoluteUri }, publish: true);
        await rig.RunGoodAsync();
        var feeds = await StableFeedsAsync(rig);
        string[] named = ["objective-11/feed.json", "objective-11/feed.atom", "objective-11/changes.json", "objective-11/changes.atom", "all/feed.json", "all/changes.json", "all/changes.atom"];
        Assert.Subset(feeds.ToHashSet(), named.ToHashSet());
        AssertPinged(hub, rig, feeds);
        await AssertAdvertisedAsync(rig, hub.Url, feeds);

        hub.Pings.Clear();
        await rig.RunGoodAsync();
        Assert.Empty(hub.Pings);

        var rows = Listing.Rows.ToList();
        rows[5] = Listing.WithTitle(rows[5], "Retitled for the hub");
        Listing.Serve(rig.Server, rows);
        await rig.RunGoodAsync();
        // Every feed shows the title (the list, the changes, the combined ones): each pinged once.
        AssertPinged(hub, rig, feeds);

        // A hub that fails: one attempt and one retry per topic, and the run still succeeds.
        hub.Pings.Clear();
        hub.Status = 503;
        rows[5] = Listing.WithTitle(rows[5], "Retitled again");
        Listing.Serve(rig.Server, rows);
        await rig.RunGoodAsync();
        Assert.Equal(feeds.Select(f => rig.App.Layout.Url(f).AbsoluteUri).SelectMany(u => new[] { u, u }).Order(StringComparer.Ordinal),
            hub.Pings.Select(p => p.Topic).Order(StringComparer.Ordinal));
    }

    private static void AssertPinged(LoopbackHub hub, FaultRig rig, IEnumerable<string> feeds)
    {
        Assert.All(hub.Pings, p => Assert.Equal("publish", p.Mode));
        Assert.Equal(feeds.Select(f => rig.App.Layout.Url(f).AbsoluteUri).Order(StringComparer.Ordinal), hub.Pings.Select(p => p.Topic).Order(StringComparer.Ordinal));
    }

    /// <summary>Every published feed (JSON Feed or Atom at a stable name), from the stored files themselves.</summary>
    private static Task<List<string>> StableFeedsAsync(FaultRig rig)
    {
        var store = (InMemoryPublishedStore)rig.App.Get<IPublishedStore>();
        return Task.FromResult(store.Versions().Keys.Where(name => store.HeadersOf(name) is { } h
            && h.ContentType is JsonFeedRenderer.MediaType or AtomRenderer.MediaType && h.CacheControl == BlobPublisher.StableCache).ToList());
    }

    private static async Task AssertAdvertisedAsync(FaultRig rig, Uri hub, IEnumerable<string> feeds)
    {
        foreach (var path in feeds)
        {
            var url = rig.App.Layout.Url(path).AbsoluteUri;
            var text = await rig.App.PublishedTextAsync(url);
            if (path.EndsWith(".json", StringComparison.Ordinal))
            {
                using var json = JsonDocument.Parse(text);
                Assert.Equal(hub.AbsoluteUri, json.RootElement.GetProperty("hubs")[0].GetProperty("url").GetString());
                Assert.Equal(url, json.RootElement.GetProperty("feed_url").GetString());
                continue;
            }
            var links = XDocument.Parse(text).Root!.Elements(XName.Get("link", "http://www.w3.org/2005/Atom")).ToList();
            Assert.Contains(links, l => (string?)l.Attribute("rel") == "hub" && (string?)l.Attribute("href") == hub.AbsoluteUri);
            Assert.Contains(links, l => (string?)l.Attribute("rel") == "self" && (string?)l.Attribute("href") == url);
        }
    }

    [Theory]
    [InlineData("not a url")]
    [InlineData("ftp://hub.example.org/")]
    [InlineData("/relative/hub")]
    public void A_websub_hub_that_is_not_an_http_url_is_refused_at_start(string value)
    {
        var settings = LocalSettings.Defaults();
        settings["HubFeed:Publish:WebSubHub"] = value;
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(settings).Build();
        using var services = new ServiceCollection().AddLogging().AddSingleton<IConfiguration>(configuration).AddHubFeed(configuration).BuildServiceProvider();
        var e = Assert.ThrowsAny<Exception>(() => services.GetRequiredService<IOptions<PublishOptions>>().Value);
        Assert.True(e is OptionsValidationException or InvalidOperationException, e.ToString());
    }
}
