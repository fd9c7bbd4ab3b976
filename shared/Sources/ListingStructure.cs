
namespace HubFeed.Sources;

/// <summary>How a page's listing was read: the rows' XPath, per field its path below a row (null: not on this page), and the order of its slash dates.</summary>
public sealed record ListingStructure(string RowXPath, string? Title, string? Type, string? Date, string? Summary, DateOrder DateOrder = DateOrder.Unknown);
