
namespace HubFeed.Serving;

/// <summary>A parsed query, or the problem that stopped it (exactly one of the two is set).</summary>
public sealed record QueryParse<T>(T? Query, ApiAnswer.Problem? Problem) where T : class;
