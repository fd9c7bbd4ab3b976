namespace HubFeed.Catalog;

/// <summary>
/// Where the per-source state lives (port): the state rows, changed only by conditional writes; an operator's acceptance,
/// a row of its own so that writing it never breaks the version a running run holds; and the index clock. The lease,
/// acceptance and clock rules on top are <see cref="SourceStateStore"/>'s, the same for every store.
/// </summary>
public interface ISourceStateStorage
{
    Task<Versioned<SourceStateRow>?> ReadAsync(string source, CancellationToken cancellationToken);

    /// <summary>Every source's state, by source key.</summary>
    Task<IReadOnlyDictionary<string, SourceStateRow>> ReadAllAsync(CancellationToken cancellationToken);

    /// <summary>
    /// Writes the state if the stored row is still at <paramref name="expected"/> (null: only if there is no row yet;
    /// <see cref="RunLease.AnyVersion"/>: whatever it is, and an error when there is none). Returns the new version, or
    /// null when another writer came first.
    /// </summary>
    Task<string?> TryWriteAsync(string source, SourceStateRow state, string? expected, CancellationToken cancellationToken);

    /// <summary>Stores the acceptance, replacing any earlier one of the source.</summary>
    Task SaveAcceptanceAsync(string source, Acceptance acceptance, CancellationToken cancellationToken);

    Task<Acceptance?> ReadAcceptanceAsync(string source, CancellationToken cancellationToken);

    /// <summary>Removes the source's acceptance (nothing happens when it has none).</summary>
    Task DeleteAcceptanceAsync(string source, CancellationToken cancellationToken);

    Task<Versioned<DateTimeOffset>?> ReadIndexClockAsync(CancellationToken cancellationToken);

    /// <summary>Sets the index clock if it is still at <paramref name="expected"/> (null: unset); false when another writer came first.</summary>
    Task<bool> TryWriteIndexClockAsync(DateTimeOffset at, string? expected, CancellationToken cancellationToken);
}
