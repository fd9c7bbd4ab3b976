using HubFeed.Catalog;
using HubFeed.Sources;

namespace HubFeed.Pipeline;

/// <summary>What an ingest did: brought the catalog in line with the listing, or left it alone because a guard held the change.</summary>
public abstract record IngestResult(RunRecord Run)
{
    /// <summary>The catalog took the listing (<see cref="Crawl"/> is the guards' next baseline).</summary>
    public sealed record Applied(RunRecord Run, CrawlResult Crawl) : IngestResult(Run);

    /// <summary>A guard held the change: nothing written (not even the page cache); <see cref="HeldRun"/> is what the source state records.</summary>
    public sealed record Held(RunRecord Run, GuardVerdict Verdict, HeldRun HeldRun) : IngestResult(Run);
}
