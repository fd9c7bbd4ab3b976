using System.Diagnostics;
using System.Globalization;
using HubFeed.Sources;
using Microsoft.Extensions.Options;

namespace HubFeed.Bench;

/// <summary>
/// Parse throughput (issue 9): the structural reader against the selector-only parser it replaced (SelectorParser),
/// same pages, same process, alternating rounds: the 22 snapshot pages and a generated 1,000-page listing.
/// </summary>
public static class ParseBench
{
    public static void Run()
    {
        var source = new SourceRegistry(Options.Create(new SourceOptions { ContactUrl = new Uri("mailto:bench@hubfeed.invalid") })).Get(11);
        var sets = new[]
        {
            ("snapshot, 22 pages", Pages(ListingPages.Snapshot())),
            ("generated, 1,000 pages", Pages(ListingPages.Generate(10_000))),
        };
        Console.WriteLine("parse throughput (pages/s, median of 11 rounds after a warm-up, alternating; ratio = reader time / selector-only time)");
        Console.WriteLine("listing                   selector-only    reader    ratio");
        foreach (var (name, pages) in sets)
        {
            var selector = new List<double>();
            var reader = new List<double>();
            for (var round = 0; round < 12; round++)
            {
                var s = Time(() => { foreach (var (n, html) in pages) { SelectorParser.Parse(html, n, source.ListingPage(n), source); } });
                var r = Time(() =>
                {
                    ListingStructure? hint = null;
                    foreach (var (n, html) in pages)
                    {
                        hint ??= ListingParser.Parse(html, n, source.ListingPage(n), source, hint).Structure;
                        if (n > 0)
                        {
                            ListingParser.Parse(html, n, source.ListingPage(n), source, hint);
                        }
                    }
                });
                if (round > 0)
                {
                    selector.Add(s);
                    reader.Add(r);
                }
            }
            double Median(List<double> xs) => xs.Order().ElementAt(xs.Count / 2);
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"{name,-24}{pages.Count / Median(selector),14:F0}{pages.Count / Median(reader),10:F0}{Median(reader) / Median(selector),9:F2}x"));
        }
    }

    private static List<(int Page, string Html)> Pages(Dictionary<(int Term, int Page), string> pages) =>
        pages.Where(kv => kv.Key.Term == ListingPages.Term).OrderBy(kv => kv.Key.Page).Select(kv => (kv.Key.Page, kv.Value)).ToList();

    private static double Time(Action action)
    {
        var clock = Stopwatch.StartNew();
        action();
        return clock.Elapsed.TotalSeconds;
    }
}
