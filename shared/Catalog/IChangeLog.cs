namespace HubFeed.Catalog;

/// <summary>
/// The change history (port). Written after the catalog (the catalog is the truth; an event lost to a crash between the
/// two is the only loss); each write prunes the source's history to <see cref="ChangeWindow"/>.
/// </summary>
public interface IChangeLog
{
    /// <summary>Records the events (one per item per moment: the same item at the same time replaces) and prunes.</summary>
    Task RecordAsync(IReadOnlyList<ChangeEvent> events, CancellationToken cancellationToken);

    /// <summary>The events of a source up to <paramref name="upTo"/>, newest first, within the window.</summary>
    Task<IReadOnlyList<ChangeEvent>> LoadAsync(string source, DateTimeOffset upTo, CancellationToken cancellationToken);
}
