using HubFeed.Catalog.InMemory;

namespace HubFeed.Tests.Catalog;

/// <summary>The index clock's rule over any storage: a later request wins, and a clock that never lets a write land ends in an error, not a loop.</summary>
public sealed class SourceStateStoreTests
{
    [Fact]
    public async Task An_index_clock_moved_by_another_writer_before_every_write_gives_up_after_six_attempts()
    {
        var storage = new ContendedClock(new InMemorySourceStateStorage());
        var store = new SourceStateStore(storage, TimeProvider.System);
        var at = new DateTimeOffset(2026, 12, 6, 12, 0, 0, TimeSpan.Zero);

        var failure = await Assert.ThrowsAsync<InvalidOperationException>(() => store.RecordIndexRequestAsync(at, CancellationToken.None));

        Assert.Contains("six attempts", failure.Message, StringComparison.Ordinal);
        Assert.Equal(6, storage.Attempts);
        Assert.True(await store.LatestIndexRequestAsync(CancellationToken.None) < at, "ours never landed");
    }

    [Fact]
    public async Task An_index_request_older_than_the_clock_writes_nothing()
    {
        var storage = new ContendedClock(new InMemorySourceStateStorage(), contend: false);
        var store = new SourceStateStore(storage, TimeProvider.System);
        var later = new DateTimeOffset(2026, 12, 6, 12, 0, 0, TimeSpan.Zero);
        await store.RecordIndexRequestAsync(later, CancellationToken.None);
        await store.RecordIndexRequestAsync(later.AddSeconds(-1), CancellationToken.None);
        Assert.Equal((1, later), (storage.Attempts, await store.LatestIndexRequestAsync(CancellationToken.None)));
    }

    /// <summary>The in-memory storage, where (with <c>contend</c>) another writer moves the index clock a little before each of our writes.</summary>
    private sealed class ContendedClock(InMemorySourceStateStorage inner, bool contend = true) : ISourceStateStorage
    {
        private DateTimeOffset _theirs = new(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);

        public int Attempts { get; private set; }

        public async Task<bool> TryWriteIndexClockAsync(DateTimeOffset at, string? expected, CancellationToken cancellationToken)
        {
            Attempts++;
            if (contend)
            {
                _theirs = _theirs.AddMinutes(1);
                var current = await inner.ReadIndexClockAsync(cancellationToken);
                Assert.True(await inner.TryWriteIndexClockAsync(_theirs, current?.Version, cancellationToken));
            }
            return await inner.TryWriteIndexClockAsync(at, expected, cancellationToken);
        }

        public Task<Versioned<DateTimeOffset>?> ReadIndexClockAsync(CancellationToken cancellationToken) => inner.ReadIndexClockAsync(cancellationToken);

        public Task<Versioned<SourceStateRow>?> ReadAsync(string source, CancellationToken cancellationToken) => inner.ReadAsync(source, cancellationToken);

        public Task<IReadOnlyDictionary<string, SourceStateRow>> ReadAllAsync(CancellationToken cancellationToken) => inner.ReadAllAsync(cancellationToken);

        public Task<string?> TryWriteAsync(string source, SourceStateRow state, string? expected, CancellationToken cancellationToken) =>
            inner.TryWriteAsync(source, state, expected, cancellationToken);

        public Task SaveAcceptanceAsync(string source, Acceptance acceptance, CancellationToken cancellationToken) =>
            inner.SaveAcceptanceAsync(source, acceptance, cancellationToken);

        public Task<Acceptance?> ReadAcceptanceAsync(string source, CancellationToken cancellationToken) => inner.ReadAcceptanceAsync(source, cancellationToken);

        public Task DeleteAcceptanceAsync(string source, CancellationToken cancellationToken) => inner.DeleteAcceptanceAsync(source, cancellationToken);
    }
}
