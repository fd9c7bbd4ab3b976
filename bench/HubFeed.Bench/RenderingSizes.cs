using System.Globalization;
using System.IO.Compression;
using HubFeed.Catalog;
using HubFeed.Rendering;
using HubFeed.Sources;
using Microsoft.Extensions.Options;

namespace HubFeed.Bench;

/// <summary>Bytes per item of each rendering, raw and gzip, for the snapshot's catalog and a 10,000-item one.</summary>
public static class RenderingSizes
{
    public static void Print()
    {
        var registry = new SourceRegistry(Options.Create(new SourceOptions { ContactUrl = new Uri("mailto:bench@hubfeed.invalid") }));
        var source = registry.Get(11);
        var folder = Path.Combine(AppContext.BaseDirectory, "seeds", "snapshot", "objective-11");
        var rows = Enumerable.Range(0, 22).SelectMany(p => ListingParser.Parse(File.ReadAllText(Path.Combine(folder, $"page-{p}.html")), p, source.ListingPage(p), source).Rows).ToList();
        var links = new HubFeed.Layout.BlobLayout(new Uri("https://content.example.net/feeds/"));
        Console.WriteLine();
        Console.WriteLine("rendering           items   bytes raw  bytes gzip  raw/item  gzip/item");
        foreach (var count in new[] { rows.Count, 10_000 })
        {
            var resources = Enumerable.Range(0, count).Select(i =>
            {
                var row = rows[i % rows.Count];
                var url = i < rows.Count ? row.Url : $"{row.Url}-{i}";
                return new Resource
                {
                    Id = ResourceCatalog.IdFor(url), Url = url, Title = row.Title, Type = row.Type, TypeLabel = row.TypeLabel, Date = row.Date,
                    Summary = row.Summary, Language = row.Language, Objective = 11, ContentHash = "", FirstSeen = DateTimeOffset.UnixEpoch,
                    LastSeen = DateTimeOffset.UnixEpoch, LastChanged = DateTimeOffset.UnixEpoch,
                };
            }).ToList();
            var model = FeedModel.From(source, resources, new PublishVersion(1, "bench", DateTimeOffset.UnixEpoch));
            var json = JsonFeedRenderer.Render(model, links, itemsPerPage: 250);
            Line("JSON Feed (all pages)", count, json.Select(f => f.Content).ToList());
            Line("Atom", count, [AtomRenderer.Render(model, links).Content]);
            Line("HTML list", count, [HtmlListRenderer.Render(model, links).Content]);
        }
    }

    private static void Line(string name, int items, IReadOnlyList<byte[]> files)
    {
        var raw = files.Sum(f => (long)f.Length);
        var gzip = files.Sum(f => (long)Gzip(f));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{name,-20}{items,6}{raw,12}{gzip,12}{raw / (double)items,10:F0}{gzip / (double)items,11:F0}"));
    }

    private static int Gzip(byte[] bytes)
    {
        using var output = new MemoryStream();
        using (var gzip = new GZipStream(output, CompressionLevel.SmallestSize, leaveOpen: true))
        {
            gzip.Write(bytes);
        }
        return (int)output.Length;
    }
}
