
namespace HubFeed.Sources;

/// <summary>"Displaying results X - Y of N": the page's own word on where it sits in the listing.</summary>
public sealed record ResultsLine(int First, int Last, int Total)
{
    public int Rows => Last >= First && Total > 0 ? Last - First + 1 : 0;
}
