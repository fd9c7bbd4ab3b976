using System.Globalization;

namespace HubFeed.Sources;

/// <summary>One GCM objective's listing on the Hub: where it lives and how to read it.</summary>
public sealed record SourceDefinition
{
    public required int Objective { get; init; }
    public required int Term { get; init; }
    public required string ShortName { get; init; }
    public required string Name { get; init; }
    /// <summary>Where item URLs point: the Hub itself, whichever mirror the pages are fetched from.</summary>
    public required Uri CanonicalBase { get; init; }
    /// <summary>Where listing pages are fetched from: the live Hub, a mirror or the loopback snapshot.</summary>
    public required Uri FetchBase { get; init; }
    public required string ListingPath { get; init; }
    public required ListingSelectors Selectors { get; init; }

    /// <summary>Table partition and blob folder of this source.</summary>
    public string Key => string.Create(CultureInfo.InvariantCulture, $"objective-{Objective}");

    /// <summary>The objective's page on the Hub (what the feed links to as its home page).</summary>
    public Uri HomePage => new(CanonicalBase, string.Create(CultureInfo.InvariantCulture, $"/taxonomy/term/{Term}"));

    /// <summary>Page <paramref name="page"/> (0-based) of the listing; <paramref name="pagerElement"/> &gt; 0 when the listing pages through a later pager (?page=,K).</summary>
    public Uri ListingPage(int page, int pagerElement = 0) => new(FetchBase, ListingPath
        .Replace("{term}", Term.ToString(CultureInfo.InvariantCulture), StringComparison.Ordinal)
        .Replace("{page}", new string(',', pagerElement) + page.ToString(CultureInfo.InvariantCulture), StringComparison.Ordinal));

    public string Title => string.Create(CultureInfo.InvariantCulture, $"GCM Objective {Objective}: {Name}");
}
