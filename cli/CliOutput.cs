using System.Globalization;
using HubFeed.Catalog;
using HubFeed.Pipeline;
using HubFeed.Sources;

namespace HubFeed.Cli;

/// <summary>What the CLI prints for people (with --json it prints the objects instead).</summary>
public static class CliOutput
{
    public static void Run(RunRecord r)
    {
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{r.Source}: {r.Status.ToString().ToLowerInvariant()} - {r.ItemsListed} listed, {r.ItemsNew} new, {r.ItemsChanged} changed, {r.ItemsUnchanged} unchanged, {r.ItemsWithdrawn} withdrawn, {r.Quarantined.Count} set aside; {r.PagesFetched} pages fetched, {r.PagesNotModified} not modified; {r.RowsWritten} rows written, {r.BlobsUploaded} blobs uploaded{(r.Version is null ? "" : ", version " + r.Version)}"));
        foreach (var q in r.Quarantined.Take(10))
        {
            Console.WriteLine($"  set aside: page {q.Page}, row {q.Position}: {q.Reason} - \"{q.Excerpt}\"");
        }
        if (r.Error is not null)
        {
            Console.WriteLine("  " + r.Error);
        }
    }

    public static void Status(HealthReport report)
    {
        Console.WriteLine(report.Status switch
        {
            HealthStatus.Held => "Held: a guard holds a change of " + string.Join(", ", report.Sources.Where(s => s.Status == HealthStatus.Held).Select(s => s.Source)) + "; an operator decides (below)",
            HealthStatus.Failing => "Failing: the last run of " + string.Join(", ", report.Sources.Where(s => s.Status == HealthStatus.Failing).Select(s => s.Source)) + " did not publish (below)",
            HealthStatus.Unhealthy => $"Unhealthy (needs: a successful run within {report.MaxRunAgeHours} h, feeds that show the catalog, no poisoned run requests)",
            _ => "Healthy",
        });
        foreach (var s in report.Sources)
        {
            Console.WriteLine($"{s.Source}: feeds show version {s.PublishedVersion ?? "(none)"} ({s.PublishedItems} items{(s.PublishedAt is { } at ? ", " + at.ToString("u", CultureInfo.InvariantCulture) : "")}); last success {s.LastSuccess?.ToString("u", CultureInfo.InvariantCulture) ?? "never"}");
            if (s.PublishPending)
            {
                Console.WriteLine("  the catalog holds changes the feeds do not show yet: the next run publishes them");
            }
            if (s.Held is { } held)
            {
                Console.WriteLine($"  HELD since {held.At:u} by the {held.Guard} guard (run {held.RunId}): {held.Reason}");
                Console.WriteLine($"  accept it with: hubfeed accept --objective {s.Source.Split('-')[^1]}");
            }
            foreach (var r in s.RecentRuns)
            {
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"  {r.Started:u} {r.Trigger,-5} {r.Status,-13} listed {r.ItemsListed}, new {r.ItemsNew}, changed {r.ItemsChanged}, withdrawn {r.ItemsWithdrawn}, set aside {r.Quarantined.Count}{(r.Version is null ? "" : ", version " + r.Version)}{((r.Detail ?? r.Reason) is { } why ? " - " + why : "")}"));
                foreach (var q in r.Quarantined.Take(5))
                {
                    Console.WriteLine($"      set aside: page {q.Page}, row {q.Position}: {q.Reason} - \"{q.Excerpt}\"");
                }
            }
        }
        if (report.Poisoned is { Count: > 0 } poisoned)
        {
            Console.WriteLine($"Poisoned run requests (failed every attempt): {poisoned.Count}");
            foreach (var m in poisoned.Messages)
            {
                Console.WriteLine("  " + m);
            }
        }
    }

    /// <summary>What an accept will publish: the held run's counts and examples.</summary>
    public static void Accepted(string source, AcceptedHold accepted)
    {
        Console.WriteLine($"{source}: accepted held run {accepted.HeldRunId} ({accepted.Held.Guard}): {accepted.Held.Reason}");
        if (accepted.Held.Change is { } c)
        {
            Console.WriteLine($"The next run publishes {c.Active} items ({c.Listed} listed): {c.New} new, {c.Changed} changed, {c.Withdrawn} withdrawn.");
            Examples("withdrawn", c.WithdrawnExamples);
            Examples("changed", c.ChangedExamples);
            Examples("new", c.NewExamples);
        }
        Console.WriteLine("It applies exactly this change, once: if the next run reads a different listing, the change is held again.");
    }

    private static void Examples(string what, IReadOnlyList<ItemExample> examples)
    {
        foreach (var e in examples)
        {
            Console.WriteLine($"  {what}: {e.Title} <{e.Url}>");
        }
    }

    public static void Doctor(DoctorReport report, SourceDefinition source)
    {
        Console.WriteLine($"Page: {report.Page} (read as {source.Key})");
        if (report.Error is not null)
        {
            Console.WriteLine("NO LISTING FOUND: " + report.Error);
            return;
        }
        Console.WriteLine(report.Results is { } r
            ? $"Results line: {r.First} - {r.Last} of {r.Total} ({r.Rows} rows on this page)"
            : $"Results line: none found; the pager's last page is {report.LastPage?.ToString(CultureInfo.InvariantCulture) ?? "(no pager)"}");
        Console.WriteLine($"Rows: {report.Rows} read, {report.Quarantined.Count} set aside");
        foreach (var q in report.Quarantined)
        {
            Console.WriteLine($"  set aside: row {q.Position}: {q.Reason} - \"{q.Excerpt}\"");
        }
        Console.WriteLine("Fields (share of rows, samples):");
        foreach (var f in report.Fields)
        {
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  {f.Field,-8} {f.FillRate * 100,4:0}%  {string.Join(" | ", f.Samples)}"));
        }
        if (report.Structure is { } st)
        {
            Console.WriteLine("Structure:");
            Console.WriteLine($"  rows     {st.RowXPath}");
            Console.WriteLine($"  title    {st.Title ?? "(not found)"}");
            Console.WriteLine($"  type     {st.Type ?? "(not found)"}");
            Console.WriteLine($"  date     {st.Date ?? "(not found)"}");
            Console.WriteLine($"  summary  {st.Summary ?? "(none on this page)"}");
        }
        Console.WriteLine(report.Warnings.Count == 0 ? "Configured selectors: agree with the structure." : "Notes (configured selectors that disagree, values not understood):");
        foreach (var w in report.Warnings)
        {
            Console.WriteLine("  " + w);
        }
    }
}
