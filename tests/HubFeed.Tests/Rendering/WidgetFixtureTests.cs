using System.Globalization;
using System.Text;
using HubFeed.Rendering;

namespace HubFeed.Tests.Rendering;

/// <summary>
/// The widget's test fixtures (tests/widget/fixtures/published/) are what the real renderers publish for fixed
/// catalogs: Objective 11 (the snapshot's 213 items), a 600-item Objective 23 (three JSON Feed pages, five items shared
/// with Objective 11), the combined feed, the index and the snippets. This test fails when they drift from the
/// renderers; HUBFEED_UPDATE_FIXTURES=1 rewrites them.
/// </summary>
public sealed class WidgetFixtureTests
{
    /// <summary>The container root in the fixtures; the widget tests' server replaces it with its own origin.</summary>
    public static readonly Uri Root = new("https://content.hubfeed.test/feeds/");

    private static readonly DateTimeOffset At = new(2026, 1, 30, 6, 0, 0, TimeSpan.Zero);

    public static IReadOnlyList<PublishedFile> Render()
    {
        var registry = TestSources.Registry();
        var layout = new BlobLayout(Root);
        var pinned = new WidgetScript(layout.Url(BlobLayout.WidgetPinned("000000000000")), "sha384-fixture");
        var o11 = FeedScope.For(registry.Get(11));
        var o23 = FeedScope.For(registry.Get(23));
        var items11 = FeedModel.Order(SnapshotTruth.Load().Items.Select(t => ToResource(t, 11)));
        var items23 = FeedModel.Order(Synthetic(600, items11.Take(5).ToList()));
        var model11 = new FeedModel(o11, items11, new PublishVersion(3, FeedModel.ContentHashOf(o11, items11), At));
        var model23 = new FeedModel(o23, items23, new PublishVersion(2, FeedModel.ContentHashOf(o23, items23), At.AddHours(-1)));
        var snapshots = new[] { new PublishedSnapshot(o11, model11.Version, items11, null), new PublishedSnapshot(o23, model23.Version, items23, null) };
        var all = IndexJob.Combine(snapshots, pinned);

        var files = new List<PublishedFile>();
        foreach (var model in new[] { model11, model23, all })
        {
            files.AddRange(PublishJob.RenderFiles(model, layout, 250, pinned));
        }
        files.AddRange(IndexRenderer.Render(
            [new PublishedFeed(o11, items11.Count, model11.Version), new PublishedFeed(o23, items23.Count, model23.Version)],
            new PublishedFeed(all.Scope, all.Items.Count, all.Version), layout, pinned, new PublishVersion(all.Version.Sequence, "fixture", At)));
        // The demo page as the deploy publishes it (widget/demo.* beside it are published as they are).
        files.Add(DemoPageRenderer.Render(DemoTemplate(), o11, layout, pinned));
        return files;
    }

    public static string DemoTemplate() => File.ReadAllText(Repo.Path("widget", "demo.html"));

    /// <summary>Text that would end the textarea, the pre or an attribute, and run a script, if it were not encoded.</summary>
    public const string Hostile = "</textarea></code></pre><script>alert(1)</script><img src=x onerror=alert(2)>\" ' & {{embed:script}} –";

    /// <summary>
    /// tests/widget/fixtures/hostile/: the demo page for an objective whose name is hostile text, and what each of its
    /// markers stands for (forms.json), for the browser and w3m tests.
    /// </summary>
    public static IReadOnlyList<PublishedFile> RenderHostile()
    {
        var source = TestSources.Registry().Get(11) with { Name = Hostile, ShortName = Hostile };
        var layout = new BlobLayout(Root);
        var pinned = new WidgetScript(layout.Url(BlobLayout.WidgetPinned("000000000000")), "sha384-fixture");
        var scope = FeedScope.For(source);
        var values = System.Text.Json.JsonSerializer.SerializeToUtf8Bytes(DemoPageRenderer.Values(scope, layout, pinned), new System.Text.Json.JsonSerializerOptions { WriteIndented = true });
        return [DemoPageRenderer.Render(DemoTemplate(), scope, layout, pinned), new PublishedFile("forms.json", values, MediaTypes.Json)];
    }

    [Fact]
    public void The_widget_fixtures_are_what_the_renderers_publish() => AssertFixtures("published", Render());

    [Fact]
    public void The_hostile_demo_fixture_is_what_the_renderer_publishes() => AssertFixtures("hostile", RenderHostile());

    private static void AssertFixtures(string name, IReadOnlyList<PublishedFile> files)
    {
        var folder = Repo.Path("tests", "widget", "fixtures", name);
        if (Environment.GetEnvironmentVariable("HUBFEED_UPDATE_FIXTURES") == "1")
        {
            if (Directory.Exists(folder))
            {
                Directory.Delete(folder, recursive: true);
            }
            foreach (var file in files)
            {
                var path = Path.Combine(folder, file.Path);
                Directory.CreateDirectory(Path.GetDirectoryName(path)!);
                File.WriteAllBytes(path, file.Content);
            }
        }
        var committed = Directory.EnumerateFiles(folder, "*", SearchOption.AllDirectories)
            .Select(f => Path.GetRelativePath(folder, f).Replace('\\', '/')).Order(StringComparer.Ordinal).ToList();
        Assert.Equal(files.Select(f => f.Path).Order(StringComparer.Ordinal), committed);
        foreach (var file in files)
        {
            var drift = !File.ReadAllBytes(Path.Combine(folder, file.Path)).AsSpan().SequenceEqual(file.Content);
            Assert.False(drift, $"tests/widget/fixtures/{name}/{file.Path} differs from what the renderers publish: run HUBFEED_UPDATE_FIXTURES=1 dotnet test --filter WidgetFixtureTests and commit the files.");
        }
    }

    [Fact]
    public void The_fixtures_cover_what_the_widget_tests_need()
    {
        var files = Render().ToDictionary(f => f.Path);
        Assert.Contains("objective-11/feed.json", files.Keys);
        // 600 items at 250 a page: feed.json and two immutable pages.
        Assert.Equal(2, files.Keys.Count(k => k.StartsWith("objective-23/feed-", StringComparison.Ordinal)));
        Assert.Contains("all/feed.json", files.Keys);
        Assert.Contains(BlobLayout.IndexJson, files.Keys);
        var all = Encoding.UTF8.GetString(files["all/feed.json"].Content);
        Assert.Contains("\"objectives\":[11,23]", all, StringComparison.Ordinal);
    }

    private static Resource ToResource(TruthItem t, int objective)
    {
        var row = new ListingRow(t.Url, t.Title, t.TypeLabel, t.Type, t.Date is null ? null : DateOnly.ParseExact(t.Date, "yyyy-MM-dd", CultureInfo.InvariantCulture), t.Summary, t.Language);
        return FromRow(row, objective);
    }

    private static Resource FromRow(ListingRow row, int objective) => ResourceCatalog.ResourceOf(row, objective);

    /// <summary>n invented items (deterministic), plus the shared ones.</summary>
    public static IEnumerable<Resource> Synthetic(int n, IReadOnlyList<Resource> shared)
    {
        (string Type, string Label)[] types = [("resource", "Resource"), ("pledge", "Pledge"), ("practice", "Practice Repository"), ("video", "Video"), ("event", "Event"), ("news", "News")];
        var start = new DateOnly(2026, 1, 28);
        for (var i = 0; i < n - shared.Count; i++)
        {
            var (type, label) = types[i * 7 % types.Length];
            var row = new ListingRow(
                string.Create(CultureInfo.InvariantCulture, $"https://migrationnetwork.un.org/{type}/international-cooperation-example-{i + 1}"),
                string.Create(CultureInfo.InvariantCulture, $"International cooperation example {i + 1}: partnerships for safe migration"),
                label, type, i % 17 == 5 ? null : start.AddDays(-2 * i),
                i % 3 == 0 ? string.Create(CultureInfo.InvariantCulture, $"Example {i + 1} of cooperation between States, UN agencies and civil society.") : null,
                (string[])["en", "fr", "es"] is var langs ? langs[i % 3] : null);
            yield return FromRow(row, 23);
        }
        foreach (var s in shared)
        {
            yield return s with { Objective = 23 };
        }
    }
}
