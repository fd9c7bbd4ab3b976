using System.Text;
using Azure;
using HubFeed.Publishing.InMemory;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace HubFeed.Tests.Publishing;

/// <summary>The publisher's rules that no adapter decides: how long it keeps trying a stable name another writer keeps changing.</summary>
public sealed class BlobPublisherTests
{
    [Fact]
    public async Task A_stable_name_changed_before_every_write_is_tried_four_times_then_fails_as_storage_does()
    {
        var options = Options.Create(new PublishOptions { Container = "c" });
        var contended = new ContendedStore(new InMemoryPublishedStore(options));
        var publisher = new BlobPublisher(contended, options, NullLogger<BlobPublisher>.Instance);
        var file = new PublishedFile("feed.json", Encoding.UTF8.GetBytes("ours"), "application/feed+json");

        var failure = await Assert.ThrowsAsync<RequestFailedException>(() => publisher.PublishAsync([file], 5, CancellationToken.None));

        Assert.Equal(412, failure.Status);
        Assert.Equal(4, contended.Attempts);
        Assert.NotEqual("ours", Encoding.UTF8.GetString((await contended.ReadAsync("feed.json", CancellationToken.None))!.Content));
    }

    /// <summary>Another writer (an older generation, other bytes) replaces the name between every read and write of ours.</summary>
    private sealed class ContendedStore(InMemoryPublishedStore files) : IPublishedStore
    {
        public int Attempts { get; private set; }

        public Uri Root => files.Root;

        public async Task<bool> TryWriteAsync(PublishedFile file, string cacheControl, long generation, string? ifVersion, CancellationToken cancellationToken)
        {
            Attempts++;
            var theirs = new PublishedFile(file.Path, Encoding.UTF8.GetBytes("theirs " + Attempts), file.ContentType);
            var current = await files.InfoAsync(file.Path, cancellationToken);
            Assert.True(await files.TryWriteAsync(theirs, cacheControl, 1, current?.Version, cancellationToken));
            return await files.TryWriteAsync(file, cacheControl, generation, ifVersion, cancellationToken);
        }

        public Task<StoredFileInfo?> InfoAsync(string path, CancellationToken cancellationToken) => files.InfoAsync(path, cancellationToken);

        public Task<bool> ExistsAsync(string path, CancellationToken cancellationToken) => files.ExistsAsync(path, cancellationToken);

        public Task<StoredFile?> ReadAsync(string path, CancellationToken cancellationToken) => files.ReadAsync(path, cancellationToken);

        public Task<ChangedFile?> ReadIfChangedAsync(string path, string? version, CancellationToken cancellationToken) =>
            files.ReadIfChangedAsync(path, version, cancellationToken);
    }
}
