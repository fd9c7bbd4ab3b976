namespace HubFeed;

/// <summary>The share of a listing's rows that had each field (0 to 1), and how many rows that is of.</summary>
public sealed record FieldCoverage(int Rows, double Title, double Url, double Type, double Date, double Summary, double Language)
{
    public static readonly string[] Fields = ["title", "url", "type", "date", "summary", "language"];

    /// <summary>The coverage of readable rows; quarantined rows count as rows that had no title and no URL.</summary>
    public static FieldCoverage Of(IReadOnlyCollection<ListingRow> rows, int quarantined)
    {
        var all = rows.Count + quarantined;
        double Share(Func<ListingRow, bool> has) => all == 0 ? 0 : Math.Round(rows.Count(has) / (double)all, 4);
        return new FieldCoverage(all, Share(_ => true), Share(_ => true), Share(r => r.TypeLabel.Length > 0),
            Share(r => r.Date is not null), Share(r => r.Summary is not null), Share(r => r.Language is not null));
    }

    public double Of(string field) => field switch
    {
        "title" => Title,
        "url" => Url,
        "type" => Type,
        "date" => Date,
        "summary" => Summary,
        "language" => Language,
        _ => throw new ArgumentOutOfRangeException(nameof(field), field, null),
    };
}
