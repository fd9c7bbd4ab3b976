
namespace HubFeed.Sources;

/// <summary>How a listing writes numeric dates with slashes: 01/02/2026 is 2 January (m/d/Y) or 1 February (d/m/Y).</summary>
public enum DateOrder
{
    Unknown,
    MonthFirst,
    DayFirst,
}
