
namespace HubFeed.Sources;

/// <summary>XPath selectors the listing parser uses; every one can be overridden by configuration.</summary>
public sealed record ListingSelectors
{
    public string Row { get; init; } = "//div[contains(concat(' ', normalize-space(@class), ' '), ' views-row ')]";
    public string Title { get; init; } = ".//div[contains(@class,'views-field-title')]//a[@href]";
    public string Type { get; init; } = ".//div[contains(@class,'views-field-type')]//*[contains(@class,'field-content')]";
    public string Date { get; init; } = ".//div[contains(@class,'views-field-created')]//*[contains(@class,'field-content')]";
    public string Summary { get; init; } = ".//div[contains(@class,'views-field-body')]//*[contains(@class,'field-content')]";
    public string SummaryLine { get; init; } = "//*[contains(@class,'view-header')]";
}
