namespace HubFeed.Catalog;

/// <summary>What a complete listing changes in the catalog: the rows to write and the counts a run reports.</summary>
public sealed record CatalogChanges(IReadOnlyList<Resource> Writes, int New, int Changed, int Unchanged, int Withdrawn, int Active);
