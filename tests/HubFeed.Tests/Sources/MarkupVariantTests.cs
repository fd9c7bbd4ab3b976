namespace HubFeed.Tests.Sources;

/// <summary>The reader on each markup variant, page by page as a crawl reads them (the first page's structure as the hint).</summary>
public sealed class MarkupVariantTests
{
    public static TheoryData<string> Names => new(MarkupVariants.All.Select(v => v.Name));

    /// <summary>Every row of every page of a variant, read as a crawl reads them; and the rows set aside.</summary>
    public static (List<ListingRow> Rows, List<QuarantinedRow> Quarantined, List<string> Warnings) Read(IReadOnlyDictionary<int, string> pages, SourceDefinition source)
    {
        var rows = new List<ListingRow>();
        var quarantined = new List<QuarantinedRow>();
        var warnings = new List<string>();
        ListingStructure? hint = null;
        foreach (var (number, html) in pages.OrderBy(p => p.Key))
        {
            var page = ListingParser.Parse(html, number, source.ListingPage(number), source, hint);
            hint ??= page.Structure;
            rows.AddRange(page.Rows);
            quarantined.AddRange(page.Quarantined);
            warnings.AddRange(page.Warnings);
        }
        return (rows, quarantined, warnings);
    }

    /// <summary>The differences between the rows read and the truth, one line each (empty: exact).</summary>
    public static List<string> Differences(IReadOnlyList<ListingRow> rows, IReadOnlyList<TruthItem> truth)
    {
        var diffs = new List<string>();
        if (rows.Count != truth.Count)
        {
            diffs.Add($"{rows.Count} rows read, {truth.Count} expected");
        }
        var byUrl = rows.GroupBy(r => r.Url).ToDictionary(g => g.Key, g => g.First());
        foreach (var t in truth)
        {
            if (!byUrl.TryGetValue(t.Url, out var r))
            {
                diffs.Add($"missing {t.Url}");
                continue;
            }
            void Check(string field, string? expected, string? actual)
            {
                if (expected != actual)
                {
                    diffs.Add($"{t.Url}: {field} \"{actual}\", expected \"{expected}\"");
                }
            }
            Check("title", t.Title, r.Title);
            Check("typeLabel", t.TypeLabel, r.TypeLabel);
            Check("type", t.Type, r.Type);
            Check("date", t.Date, r.Date?.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture));
            Check("summary", t.Summary, r.Summary);
            Check("language", t.Language, r.Language);
        }
        return diffs;
    }

    [Theory]
    [MemberData(nameof(Names))]
    public void Each_markup_variant_reads_exactly_as_the_truth(string name)
    {
        var source = TestSources.Objective(11);
        var variant = MarkupVariants.All.Single(v => v.Name == name);
        var (rows, quarantined, _) = Read(variant.OfSnapshot, source);
        var diffs = Differences(rows, SnapshotTruth.Load().Items);
        Assert.Empty(quarantined);
        Assert.True(diffs.Count == 0, $"{name}: {diffs.Count} differences:\n" + string.Join('\n', diffs.Take(15)));
    }

    [Fact]
    public void There_are_at_least_twelve_variants_and_each_changes_the_markup()
    {
        Assert.True(MarkupVariants.All.Count >= 12);
        foreach (var v in MarkupVariants.All)
        {
            var pages = v.OfSnapshot;
            Assert.NotEqual(MarkupVariants.Snapshot[3], pages[3]);
        }
    }
}
