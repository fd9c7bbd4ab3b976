namespace HubFeed.Serving;

/// <summary>A query as the API sees it, without any HTTP type: the route's objective, the query string, the URL asked for.</summary>
public sealed record ApiRequest(string Objective, IReadOnlyDictionary<string, IReadOnlyList<string>> Query, Uri Url, IReadOnlyList<string>? IfNoneMatch = null);
