using System.Globalization;
using HubFeed.Sources;

namespace HubFeed.Layout;

/// <summary>What a feed covers: one objective's listing, or every published objective together ("all").</summary>
public sealed record FeedScope
{
    private FeedScope(SourceDefinition? source, IReadOnlyList<SourceDefinition> sources, Uri canonicalBase)
    {
        Source = source;
        Sources = sources;
        CanonicalBase = canonicalBase;
    }

    /// <summary>The objective, or null for the combined feed.</summary>
    public SourceDefinition? Source { get; }

    /// <summary>The objectives covered, by number.</summary>
    public IReadOnlyList<SourceDefinition> Sources { get; }

    /// <summary>The Hub (item URLs and home pages point there, wherever pages were fetched from).</summary>
    public Uri CanonicalBase { get; }

    public bool IsAll => Source is null;

    public static FeedScope For(SourceDefinition source) => new(source, [source], source.CanonicalBase);

    public static FeedScope All(IEnumerable<SourceDefinition> sources, Uri canonicalBase) =>
        new(null, sources.OrderBy(s => s.Objective).ToList(), canonicalBase);

    /// <summary>"objective-11" or "all": the source state row and the log name of this feed.</summary>
    public string Key => Source?.Key ?? "all";

    public string Title => Source?.Title ?? "GCM objectives: resources on the UN Migration Network Hub";

    public Uri HomePage => Source?.HomePage ?? CanonicalBase;

    public string Description => Source is { } s
        ? string.Create(CultureInfo.InvariantCulture,
            $"Resources, practices and pledges the UN Network on Migration's Hub lists for GCM Objective {s.Objective} ({s.Name}).")
        : string.Create(CultureInfo.InvariantCulture,
            $"Resources, practices and pledges the UN Network on Migration's Hub lists for GCM objectives {string.Join(", ", Sources.Select(x => x.Objective))}, each listed once with the objectives it serves.");
}
