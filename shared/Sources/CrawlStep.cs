
namespace HubFeed.Sources;

/// <summary>What a crawl does next: fetch these pages, or it is done (with what it found), or it fails (with why).</summary>
public abstract record CrawlStep
{
    /// <summary>Fetch these 0-based pages; <paramref name="Note"/> says why when it is a fetch again (for the log).</summary>
    public sealed record Fetch(IReadOnlyList<int> Pages, string? Note = null) : CrawlStep;

    public sealed record Done(CrawlFindings Findings) : CrawlStep;

    public sealed record Fail(string Reason) : CrawlStep;
}
