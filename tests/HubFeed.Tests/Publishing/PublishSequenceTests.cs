using System.Net;
using System.ServiceModel.Syndication;
using System.Text.RegularExpressions;
using System.Xml;
using HubFeed.Tests.Faults;

namespace HubFeed.Tests.Publishing;

/// <summary>
/// What partner pages show is the catalog's truth whatever order things happen in: a stand-in Hub serves a sequence of
/// listings to one catalog, and after each run the JSON Feed, Atom and HTML list hold exactly what they should. Full runs
/// on the in-memory storage; a publish that storage stops midway is <see cref="PublishTruthTests"/> (Azurite).
/// </summary>
public sealed partial class PublishSequenceTests
{
    /// <summary>The item URLs every published rendering of Objective 11 shows: JSON Feed (all pages), Atom, HTML.</summary>
    private static async Task<(List<string> Json, List<string> Atom, List<string> Html, string Version)> ShownAsync(TestApp app)
    {
        var json = new List<string>();
        string? version = null;
        for (var url = app.Layout.Url(BlobLayout.JsonFeed(TestSources.Scope(11))).AbsoluteUri; url is not null;)
        {
            using var page = JsonDocument.Parse(await app.PublishedTextAsync(url));
            version ??= page.RootElement.GetProperty("_gcm").GetProperty("version").GetString();
            json.AddRange(page.RootElement.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("url").GetString()!));
            url = page.RootElement.TryGetProperty("next_url", out var next) ? next.GetString() : null;
        }
        using var reader = XmlReader.Create(new StringReader(await app.PublishedTextAsync(app.Layout.Url(BlobLayout.Atom(TestSources.Scope(11))))));
        var atom = SyndicationFeed.Load(reader).Items.Select(i => i.Id).ToList();
        var html = HtmlLink().Matches(await app.PublishedTextAsync(app.Layout.Url(BlobLayout.HtmlList(TestSources.Scope(11))))).Select(m => WebUtility.HtmlDecode(m.Groups[1].Value)).ToList();
        return (json, atom, html, version!);
    }

    internal static async Task AssertShowsAsync(TestApp app, IEnumerable<string> expected)
    {
        var want = expected.Order(StringComparer.Ordinal).ToList();
        var (json, atom, html, _) = await ShownAsync(app);
        Assert.Equal(want, json.Order(StringComparer.Ordinal));
        Assert.Equal(want, atom.Order(StringComparer.Ordinal));
        // The HTML list shows the newest HtmlListRenderer.MaxItems, in feed order.
        Assert.Equal(json.Take(HubFeed.Rendering.HtmlListRenderer.MaxItems), html);
    }

    internal static string NewRow(int n) =>
        $"<div class=\"views-row\"><div class=\"views-field views-field-title\"><span class=\"field-content\"><a href=\"/resources/new-border-resource-{n}\" hreflang=\"en\">New border resource {n}</a></span></div>" +
        "<div class=\"views-field views-field-type\"><span class=\"field-content\">Resource</span></div>" +
        $"<div class=\"views-field views-field-created\"><span class=\"field-content\">{30 - n % 28:00} Jan 2026</span></div></div>";

    [Fact]
    public async Task A_newest_item_that_appears_and_disappears_again_is_withdrawn_from_every_rendering_and_each_change_publishes_a_newer_version()
    {
        await using var rig = await FaultRig.StartInMemoryAsync(publish: true);
        var truth = FaultRig.Truth.Items.Select(i => i.Url).ToList();
        var v1 = await rig.RunGoodAsync();
        await AssertShowsAsync(rig.App, truth);

        // 214: a new newest item.
        Listing.Serve(rig.Server, [NewRow(1), .. Listing.Rows]);
        var v2 = await rig.RunGoodAsync(expectedActive: 214);
        await AssertShowsAsync(rig.App, [.. truth, "https://migrationnetwork.un.org/resources/new-border-resource-1"]);

        // 213 again: the newest item is gone, so the published version must still move forward.
        Listing.Serve(rig.Server, Listing.Rows);
        var v3 = await rig.RunGoodAsync();
        Assert.Equal(1, v3.ItemsWithdrawn);
        await AssertShowsAsync(rig.App, truth);
        var sequences = new[] { v1, v2, v3 }.Select(r => long.Parse(r.Version!.Split('-')[0], System.Globalization.CultureInfo.InvariantCulture)).ToList();
        Assert.Equal([1L, 2L, 3L], sequences);
        Assert.NotEqual(v1.Version, v3.Version); // same items as v1, but a later publish: a newer version
        Assert.True(v3.BlobsUploaded > 0);
    }

    [Fact]
    public async Task A_reorder_or_a_field_change_publishes_too()
    {
        await using var rig = await FaultRig.StartInMemoryAsync(publish: true);
        var first = await rig.RunGoodAsync();
        var rows = Listing.Rows.ToList();
        rows[40] = Listing.WithTitle(rows[40], "A corrected title");
        Listing.Serve(rig.Server, rows);
        var changed = await rig.RunGoodAsync();
        Assert.Equal(1, changed.ItemsChanged);
        Assert.NotEqual(first.Version, changed.Version);
        var (json, _, _, version) = await ShownAsync(rig.App);
        Assert.Equal(changed.Version, version);
        var feed = await rig.PublishedAsync();
        Assert.Contains(feed.Items, i => i.GetProperty("title").GetString() == "A corrected title");
    }

    [Fact]
    public async Task A_held_growth_that_an_operator_accepts_is_published_by_the_next_run()
    {
        await using var rig = await FaultRig.StartInMemoryAsync(publish: true);
        await rig.RunGoodAsync();
        var more = Enumerable.Range(1, 213).Select(NewRow).ToList();
        Listing.Serve(rig.Server, [.. more, .. Listing.Rows]);
        Assert.Equal(RunStatus.Refused, (await rig.RunAsync()).Run.Status);

        // POST /api/objectives/11/accept (keyed), or `hubfeed accept --objective 11`.
        var functions = ActivatorUtilities.CreateInstance<HubFeed.Functions.RunFunctions>(rig.App.Services);
        var accept = HubFeed.Tests.Functions.FunctionTests.Request("POST", "/api/objectives/11/accept");
        var (status, json, _) = await HubFeed.Tests.Functions.FunctionTests.Render(await functions.Accept(accept, "11", CancellationToken.None), accept);
        Assert.Equal(200, status);
        Assert.False(string.IsNullOrEmpty(json.GetProperty("heldRunId").GetString()));

        var applied = await rig.RunGoodAsync(expectedActive: 426);
        Assert.Equal("api", applied.AcceptedBy);
        Assert.Contains(applied.Warnings, w => w.StartsWith("Accepted by an operator", StringComparison.Ordinal));
        await AssertShowsAsync(rig.App, [.. more.Select((_, i) => $"https://migrationnetwork.un.org/resources/new-border-resource-{i + 1}"), .. FaultRig.Truth.Items.Select(i => i.Url)]);
        // The acceptance is spent: a sharp change later is held again.
        Assert.Null(await rig.App.Get<SourceStateStore>().AcceptanceAsync("objective-11", CancellationToken.None));
        Listing.Serve(rig.Server, Listing.Rows);
        Assert.Equal((RunStatus.Refused, (RunCause?)RunCause.CountDrop), ((await rig.RunAsync()).Run.Status, (await rig.RunsAsync())[0].Cause));
    }

    [GeneratedRegex(@"<li><h2><a href=""([^""]+)""")]
    private static partial Regex HtmlLink();
}
