
namespace HubFeed.Sources;

/// <summary>One field as a page shows it: the share of rows that have it, and a few values.</summary>
public sealed record FieldReport(string Field, double FillRate, IReadOnlyList<string> Samples);
