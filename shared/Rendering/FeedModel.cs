using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using HubFeed.Layout;
using HubFeed.Sources;

namespace HubFeed.Rendering;

/// <summary>What every rendering of one feed shows: the active items, newest first, then by title, and its version.</summary>
public sealed record FeedModel(FeedScope Scope, IReadOnlyList<Resource> Items, PublishVersion Version)
{
    /// <summary>For the combined feed: the objectives each item (by URL) serves.</summary>
    public IReadOnlyDictionary<string, IReadOnlyList<int>>? ObjectivesByUrl { get; init; }

    public DateTimeOffset Updated => Version.At;

    /// <summary>
    /// When the objective's first run read its listing (the catalog's earliest first-seen); null when unknown (a model
    /// read back from a published feed, where a late undated item already carries its first-seen date).
    /// </summary>
    public DateTimeOffset? FirstRun { get; init; }

    /// <summary>Bumped when the renderings change shape, so every feed is published again in the new shape.</summary>
    private const string FormatVersion = "feeds-4";

    /// <summary>
    /// The time of day a Hub date (a calendar day, no time) is published at: 12:00 UTC is the same calendar day in every
    /// zone from UTC-12 to UTC+11, so a reader anywhere there shows the Hub's day.
    /// </summary>
    public static readonly TimeOnly HubDayTime = new(12, 0);

    /// <summary>
    /// How an item is dated in the feeds. A Hub date is published at <see cref="HubDayTime"/>. An undated item first seen
    /// after the first run is dated when it was first seen. An undated item present since the first run predates the
    /// feed: it has no published date, and where a format requires one (Atom's updated) it gets
    /// <see cref="UndatedFloor"/>, so readers sorting by date list it below every dated item.
    /// </summary>
    public ItemDates DatesOf(Resource r)
    {
        if (r.Date is { } day)
        {
            var at = new DateTimeOffset(day.ToDateTime(HubDayTime), TimeSpan.Zero);
            return new ItemDates(day, at);
        }
        if (r.FirstSeen > (FirstRun ?? DateTimeOffset.MinValue))
        {
            return new ItemDates(null, r.FirstSeen);
        }
        return new ItemDates(null, null);
    }

    /// <summary>
    /// The Atom updated of an undated item that predates the feed: 00:00 UTC of the oldest Hub date in the feed (below
    /// every dated item, which is at 12:00), or the first run (or the publish) when no item is dated.
    /// </summary>
    public DateTimeOffset UndatedFloor() => Items.Where(i => i.Date is not null).Select(i => i.Date!.Value).DefaultIfEmpty().Min() is var oldest && oldest != default
        ? new DateTimeOffset(oldest.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero)
        : FirstRun ?? Updated;

    public static FeedModel From(SourceDefinition source, IEnumerable<Resource> resources, PublishVersion version) =>
        new(FeedScope.For(source), Order(resources), version) { FirstRun = FirstRunOf(resources) };

    /// <summary>The first run of a catalog: the earliest first-seen of its rows (withdrawn ones too); null when none is known.</summary>
    public static DateTimeOffset? FirstRunOf(IEnumerable<Resource> catalog) =>
        catalog.Where(r => r.FirstSeen != default).Select(r => (DateTimeOffset?)r.FirstSeen).Min();

    /// <summary>The active items in feed order (the order of every rendering and of the content hash).</summary>
    public static IReadOnlyList<Resource> Order(IEnumerable<Resource> resources) => resources.Where(r => r.IsActive)
        .Select(Clean)
        .OrderByDescending(r => r.Date.HasValue)
        .ThenByDescending(r => r.Date)
        .ThenBy(r => r.Title, StringComparer.Create(CultureInfo.InvariantCulture, CompareOptions.IgnoreCase))
        .ThenBy(r => r.Url, StringComparer.Ordinal)
        .ToList();

    /// <summary>Whatever a catalog row holds (older rows, hand edits), renderings only ever see clean text.</summary>
    private static Resource Clean(Resource r) => r with
    {
        Title = TextHygiene.Clean(r.Title),
        TypeLabel = TextHygiene.Clean(r.TypeLabel),
        Type = TextHygiene.Clean(r.Type),
        Summary = TextHygiene.CleanOrNull(r.Summary),
        Language = TextHygiene.CleanOrNull(r.Language),
        Url = TextHygiene.Clean(r.Url),
    };

    /// <summary>
    /// The hash of everything a rendering shows: the scope's names and every item's content hash, in order. Two
    /// catalogs that would publish the same feeds have the same hash, whatever their timestamps. <paramref name="also"/>
    /// is anything else the published files show (the pinned widget's URL).
    /// </summary>
    public static string ContentHashOf(FeedScope scope, IReadOnlyList<Resource> items, IReadOnlyDictionary<string, IReadOnlyList<int>>? objectivesByUrl = null, string? also = null)
    {
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        void Add(string s) => hash.AppendData(Encoding.UTF8.GetBytes(s + "\u001F"));
        Add(FormatVersion);
        Add(scope.Key);
        Add(also ?? "");
        foreach (var s in scope.Sources)
        {
            Add(string.Create(CultureInfo.InvariantCulture, $"{s.Objective}|{s.Term}|{s.ShortName}|{s.Name}|{s.HomePage}"));
        }
        Add(items.Count.ToString(CultureInfo.InvariantCulture));
        foreach (var r in items)
        {
            Add(r.Id);
            Add(r.ContentHash);
            // An undated item's first-seen time decides how it is dated (see DatesOf).
            Add(r.Date is null ? r.FirstSeen.UtcTicks.ToString(CultureInfo.InvariantCulture) : "");
            if (objectivesByUrl is not null && objectivesByUrl.TryGetValue(r.Url, out var objectives))
            {
                Add(string.Join(',', objectives));
            }
        }
        return Convert.ToHexStringLower(hash.GetHashAndReset());
    }
}
