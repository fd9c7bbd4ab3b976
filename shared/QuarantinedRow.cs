namespace HubFeed;

/// <summary>A listing row that could not be read, set aside so the rest of the listing goes on.</summary>
public sealed record QuarantinedRow(int Page, int Position, string Reason, string Excerpt)
{
    public const int MaxExcerpt = 200;
}
