
namespace HubFeed.Sources;

/// <summary>A row read: a listing row, or a reason to set it aside.</summary>
public abstract record RowReading
{
    public sealed record Row(ListingRow Value) : RowReading;

    public sealed record SetAside(string Reason) : RowReading;
}
