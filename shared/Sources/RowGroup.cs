using HtmlAgilityPack;

namespace HubFeed.Sources;

/// <summary>The rows of a listing page, and the XPath that names them.</summary>
public sealed record RowGroup(IReadOnlyList<HtmlNode> Rows, string XPath);
