namespace HubFeed.Catalog;

/// <summary>An item a held change would touch, as an operator recognises it.</summary>
public sealed record ItemExample(string Title, string Url);
