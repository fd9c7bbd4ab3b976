using System.Globalization;
using System.ServiceModel.Syndication;
using System.Xml;
using CodeHollow.FeedReader;
using CodeHollow.FeedReader.Feeds;
using HubFeed.Tests.Faults;

namespace HubFeed.Tests.Publishing;

/// <summary>
/// The published JSON Feed through an independent reader (CodeHollow.FeedReader) as a reader in Mexico City and in
/// Tokyo sees it, and how undated items are dated across runs (issue 17: dates as the Hub means them, each item once). Full runs on the in-memory storage: the files as published.
/// The Atom feed through Debian's feedparser and newsboat: tests/e2e/readers.test.mjs.
/// </summary>
public sealed class ReaderTests
{
    private static readonly string[] Zones = ["America/Mexico_City", "Asia/Tokyo"];

    /// <summary>Every item of the JSON Feed (all pages), as CodeHollow reads each page, with the raw item beside it.</summary>
    private static async Task<List<(JsonFeedItem Item, JsonElement Raw)>> ReadJsonFeedAsync(FaultRig rig)
    {
        var items = new List<(JsonFeedItem, JsonElement)>();
        for (var url = rig.App.Get<PublishJob>().Layout.Url(BlobLayout.JsonFeed(TestSources.Scope(11))).AbsoluteUri; url is not null;)
        {
            var text = await rig.App.PublishedTextAsync(url);
            var feed = FeedReader.ReadFromString(text);
            Assert.Equal(FeedType.JsonFeed, feed.Type);
            using var doc = JsonDocument.Parse(text);
            var raw = doc.RootElement.GetProperty("items").EnumerateArray().Select(e => e.Clone()).ToList();
            Assert.Equal(raw.Count, feed.Items.Count);
            items.AddRange(feed.Items.Select((i, n) => ((JsonFeedItem)i.SpecificItem, raw[n])));
            url = doc.RootElement.TryGetProperty("next_url", out var next) ? next.GetString() : null;
        }
        return items;
    }

    [Fact]
    public async Task The_json_feed_reads_each_item_once_in_its_language_on_the_Hubs_day_in_every_zone()
    {
        await using var rig = await FaultRig.StartInMemoryAsync(publish: true);
        await rig.RunGoodAsync();
        var truth = FaultRig.Truth.Items.ToDictionary(i => i.Url, StringComparer.Ordinal);
        var items = await ReadJsonFeedAsync(rig);
        Assert.Equal(213, items.Count);
        Assert.Equal(truth.Keys.Order(StringComparer.Ordinal), items.Select(i => i.Item.Url).Order(StringComparer.Ordinal));
        foreach (var (item, raw) in items)
        {
            var t = truth[item.Url];
            Assert.Equal(t.Title, item.Title);
            Assert.Equal(t.Summary, item.Summary);
            Assert.NotEqual(item.Title, item.Summary);
            Assert.NotEqual(item.Summary, item.ContentText);
            Assert.NotEqual(item.Title, item.ContentText);
            Assert.Equal(t.Language, raw.TryGetProperty("language", out var lang) ? lang.GetString() : null);
            var gcm = raw.GetProperty("_gcm");
            Assert.Equal(t.Date, gcm.TryGetProperty("date", out var day) ? day.GetString() : null);
            if (t.Date is null)
            {
                // Present since the first run: it predates the feed, so it has no date at all.
                Assert.Null(item.DatePublishedString);
                continue;
            }
            Assert.NotNull(item.DatePublished);
            var published = DateTimeOffset.Parse(item.DatePublishedString, CultureInfo.InvariantCulture);
            foreach (var zone in Zones)
            {
                var local = TimeZoneInfo.ConvertTime(published, TimeZoneInfo.FindSystemTimeZoneById(zone));
                Assert.Equal(t.Date, local.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
            }
        }
    }

    [Fact]
    public async Task An_undated_item_that_appears_after_the_first_run_is_dated_when_first_seen_and_the_others_stay_undated()
    {
        await using var rig = await FaultRig.StartInMemoryAsync(publish: true);
        await rig.RunGoodAsync();
        var firstRun = (await rig.RowsAsync()).Min(r => r.GetDateTimeOffset("FirstSeen")!.Value);

        const string url = "https://migrationnetwork.un.org/resources/undated-border-resource";
        var row = "<div class=\"views-row\"><div class=\"views-field views-field-title\"><span class=\"field-content\"><a href=\"/resources/undated-border-resource\" hreflang=\"fr\">Une ressource sans date</a></span></div>" +
            "<div class=\"views-field views-field-type\"><span class=\"field-content\">Resource</span></div></div>";
        Listing.Serve(rig.Server, [.. Listing.Rows, row]);
        await rig.RunGoodAsync(expectedActive: 214);
        var firstSeen = (await rig.RowsAsync()).Single(r => r.GetString("Url") == url).GetDateTimeOffset("FirstSeen")!.Value;
        Assert.True(firstSeen > firstRun);

        var items = await ReadJsonFeedAsync(rig);
        var late = Assert.Single(items, i => i.Item.Url == url);
        Assert.Equal(firstSeen, DateTimeOffset.Parse(late.Item.DatePublishedString, CultureInfo.InvariantCulture), TimeSpan.FromSeconds(1));
        Assert.False(late.Raw.GetProperty("_gcm").TryGetProperty("date", out _), "not a Hub date");
        var undated = FaultRig.Truth.Items.Where(i => i.Date is null).Select(i => i.Url).ToHashSet(StringComparer.Ordinal);
        Assert.All(items.Where(i => undated.Contains(i.Item.Url)), i => Assert.Null(i.Item.DatePublishedString));

        // Atom: the late item is published when first seen, so a reader sorting by date lists it first; the ones that
        // predate the feed have no published date and sort below every dated entry.
        using var reader = XmlReader.Create(new StringReader(await rig.App.PublishedTextAsync(rig.App.Get<PublishJob>().Layout.Url(BlobLayout.Atom(TestSources.Scope(11))))));
        var entries = SyndicationFeed.Load(reader).Items.ToList();
        var byDate = entries.OrderByDescending(e => e.LastUpdatedTime).ToList();
        Assert.Equal(url, byDate[0].Id);
        Assert.Equal("fr", byDate[0].AttributeExtensions[new XmlQualifiedName("lang", "http://www.w3.org/XML/1998/namespace")]);
        var predating = entries.Where(e => undated.Contains(e.Id)).ToList();
        Assert.Equal(undated.Count, predating.Count);
        Assert.All(predating, e => Assert.Equal(default, e.PublishDate));
        Assert.True(predating.Max(e => e.LastUpdatedTime) < entries.Where(e => e.PublishDate != default).Min(e => e.PublishDate));
    }
}
