
namespace HubFeed.Rendering;

/// <summary>The times a list feed shows from the change history.</summary>
public static class ItemTimes
{
    /// <summary>RFC 5005 (feed paging and archiving): fh:complete.</summary>
    public static readonly System.Xml.Linq.XNamespace FeedHistory = "http://purl.org/syndication/history/1.0";

    /// <summary>When an item last changed after it was first seen (date_modified, Atom updated); null when it never did.</summary>
    public static DateTimeOffset? Modified(Resource r) => r.FirstSeen != default && r.LastChanged > r.FirstSeen ? r.LastChanged : null;

    /// <summary>Atom's updated: when the item last changed after it was first seen, when later than <paramref name="at"/>.</summary>
    public static DateTimeOffset Updated(Resource r, DateTimeOffset at) => Modified(r) is { } m && m > at ? m : at;
}
