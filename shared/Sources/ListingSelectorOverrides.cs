namespace HubFeed.Sources;

public sealed class ListingSelectorOverrides
{
    public string? Row { get; set; }
    public string? Title { get; set; }
    public string? Type { get; set; }
    public string? Date { get; set; }
    public string? Summary { get; set; }
    public string? SummaryLine { get; set; }

    public ListingSelectors ApplyTo(ListingSelectors s) => s with
    {
        Row = Row ?? s.Row,
        Title = Title ?? s.Title,
        Type = Type ?? s.Type,
        Date = Date ?? s.Date,
        Summary = Summary ?? s.Summary,
        SummaryLine = SummaryLine ?? s.SummaryLine,
    };
}
