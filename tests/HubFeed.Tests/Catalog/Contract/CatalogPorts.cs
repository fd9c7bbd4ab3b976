namespace HubFeed.Tests.Catalog.Contract;

/// <summary>One adapter's set of the catalog's ports, fresh and isolated for one test.</summary>
public sealed record CatalogPorts(IResourceCatalog Catalog, IRunLog Runs, IChangeLog Changes, IPageCache Pages, ISourceStateStorage States);
