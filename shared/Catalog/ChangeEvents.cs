namespace HubFeed.Catalog;

/// <summary>
/// The catalog step's changes as events (a pure function of the rows before and the writes). The first listing an
/// objective's catalog takes is its baseline, not news: it records no event.
/// </summary>
public static class ChangeEvents
{
    public static readonly string[] Fields = ["title", "type", "date", "summary", "language"];

    public static IReadOnlyList<ChangeEvent> Of(string source, IReadOnlyCollection<Resource> before, IEnumerable<Resource> writes, DateTimeOffset at)
    {
        if (before.Count == 0)
        {
            return [];
        }
        var old = before.ToDictionary(r => r.Id, StringComparer.Ordinal);
        var events = new List<ChangeEvent>();
        foreach (var w in writes)
        {
            old.TryGetValue(w.Id, out var o);
            var (kind, fields) = w.Withdrawn is not null ? (ChangeKind.Withdrawn, (IReadOnlyList<string>)[])
                : o is null || !o.IsActive ? (ChangeKind.Added, [])
                : (ChangeKind.Changed, FieldsChanged(o, w));
            events.Add(new ChangeEvent(source, w.Objective, w.Id, w.Url, w.Title, w.Type, w.TypeLabel, w.Language, kind, fields, at));
        }
        return events;
    }

    private static List<string> FieldsChanged(Resource a, Resource b) => Fields.Where(f => f switch
    {
        "title" => a.Title != b.Title,
        "type" => a.Type != b.Type || a.TypeLabel != b.TypeLabel,
        "date" => a.Date != b.Date,
        "summary" => a.Summary != b.Summary,
        _ => a.Language != b.Language,
    }).ToList();
}
