using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;
using Microsoft.Extensions.Options;

namespace HubFeed.Sources;

/// <summary>
/// Saves an objective's listing as a snapshot in the seeds layout (objective-N/page-K.html and expected.json, the
/// reader's truth for those pages), politely, through the same HTTP path as a run. Where the Hub is reachable this
/// replaces the bundled, synthetic snapshot with the real pages in one command; check expected.json by eye before
/// trusting it as a test's truth.
/// </summary>
public sealed class ListingSnapshot(HubListingClient client, IOptions<SourceOptions> options)
{
    public async Task<SnapshotSummary> WriteAsync(SourceDefinition source, string outDir, CancellationToken cancellationToken)
    {
        var folder = Path.Combine(outDir, source.Key);
        Directory.CreateDirectory(folder);
        var first = await FetchAsync(source, 0, null, folder, cancellationToken);
        var pageCount = first.Results is { } r && r.Rows > 0 ? (int)Math.Ceiling(r.Total / (double)r.Rows) : (first.LastPage ?? 0) + 1;
        if (pageCount > options.Value.MaxPages)
        {
            throw new IncompleteCrawlException($"The listing has {pageCount} pages, over the cap of {options.Value.MaxPages}.");
        }
        var pages = new List<ListingPage> { first };
        for (var n = 1; n < pageCount; n++)
        {
            // One page after the other: the polite handler spaces them.
            pages.Add(await FetchAsync(source, n, first.Structure, folder, cancellationToken));
        }
        var items = pages.SelectMany(p => p.Rows.Select((row, i) => new TruthRow(p.PageNumber, i, row.Url, row.Title, row.TypeLabel, row.Type,
            row.Date?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), row.Summary, row.Language))).ToList();
        var truth = new Truth(source.Objective, source.Term, first.Results?.Total ?? items.Count, pageCount, items);
        await File.WriteAllTextAsync(Path.Combine(folder, "expected.json"), JsonSerializer.Serialize(truth, Json) + "\n", cancellationToken);
        return new SnapshotSummary(folder, pageCount, items.Count, pages.Sum(p => p.Quarantined.Count), first.Results);
    }

    private async Task<ListingPage> FetchAsync(SourceDefinition source, int number, ListingStructure? hint, string folder, CancellationToken cancellationToken)
    {
        var url = source.ListingPage(number);
        var response = await client.GetAsync(url, null, null, cancellationToken);
        var html = response.Html ?? "";
        await File.WriteAllTextAsync(Path.Combine(folder, string.Create(CultureInfo.InvariantCulture, $"page-{number}.html")), html, cancellationToken);
        return ListingParser.Parse(html, number, url, source, hint);
    }

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        WriteIndented = true,
        Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    private sealed record Truth(int Objective, int Term, int Total, int Pages, IReadOnlyList<TruthRow> Items);

    private sealed record TruthRow(int Page, int Position, string Url, string Title, string TypeLabel, string Type, string? Date, string? Summary,
        [property: JsonIgnore(Condition = JsonIgnoreCondition.Never)] string? Language);
}
