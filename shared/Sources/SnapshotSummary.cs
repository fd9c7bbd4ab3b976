
namespace HubFeed.Sources;

/// <summary>What `hubfeed snapshot` wrote.</summary>
public sealed record SnapshotSummary(string Folder, int Pages, int Items, int Quarantined, ResultsLine? Results);
