using Azure;
using HubFeed.Layout;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace HubFeed.Publishing;

/// <summary>
/// Writes files to the public container (<see cref="IPublishedStore"/>) in an order that keeps every reference
/// resolvable: immutable files first (create-only), then the stable names in the order given (the caller puts the ones
/// that point at others last). A stable name is replaced only on the version just read, and never by a publish whose
/// generation is older than the one that wrote it. A file whose bytes are unchanged is not written.
/// </summary>
public sealed class BlobPublisher(IPublishedStore store, IOptions<PublishOptions> options, ILogger<BlobPublisher> logger)
{
    public const string ImmutableCache = "public, max-age=31536000, immutable";
    public const string StableCache = "public, max-age=300";

    /// <summary>Attempts at a stable name another writer keeps changing between our read and our write.</summary>
    private const int ReplaceAttempts = 4;

    /// <summary>The container's URL: the public root when no PublicBaseUrl is configured.</summary>
    public Uri ContainerUri => store.Root;

    public BlobLayout Layout => new(options.Value.PublicBaseUrl ?? ContainerUri) { WebSubHub = options.Value.WebSubHub };

    /// <summary>Publishes the files; <paramref name="generation"/> orders publishes of the same names (newer wins).</summary>
    public async Task<PublishResult> PublishAsync(IReadOnlyList<PublishedFile> files, long generation, CancellationToken cancellationToken)
    {
        var total = PublishResult.Empty;
        foreach (var file in files.Where(f => f.Immutable))
        {
            // A refused create-only write: same name, same hash, so the same bytes are already there.
            total += await store.TryWriteAsync(file, ImmutableCache, generation, ifVersion: null, cancellationToken)
                ? new PublishResult(1, 0, 0) { Written = [file.Path] } : new PublishResult(0, 1, 0);
        }
        foreach (var file in files.Where(f => !f.Immutable))
        {
            total += await ReplaceAsync(file, generation, cancellationToken);
        }
        return total;
    }

    private async Task<PublishResult> ReplaceAsync(PublishedFile file, long generation, CancellationToken cancellationToken)
    {
        for (var attempt = 1; ; attempt++)
        {
            var current = await store.InfoAsync(file.Path, cancellationToken);
            if (current is { } c && c.Hash == file.Hash)
            {
                return new PublishResult(0, 1, 0);
            }
            if (current is { } newer && newer.Generation > generation)
            {
                logger.LogInformation("Kept {Path}: a newer publish (generation {Newer}) wrote it", file.Path, newer.Generation);
                return new PublishResult(0, 0, 1);
            }
            if (await store.TryWriteAsync(file, StableCache, generation, current?.Version, cancellationToken))
            {
                return new PublishResult(1, 0, 0) { Written = [file.Path] };
            }
            if (attempt == ReplaceAttempts)
            {
                // What the storage answered the last time, as a storage fault: the run fails as publish-failed and retries.
                throw new RequestFailedException(412, $"{file.Path} changed under every one of {ReplaceAttempts} attempts to replace it.");
            }
            // Someone wrote it between our read and our write: read again and decide again.
            logger.LogInformation("{Path} changed while publishing (attempt {Attempt}); reading it again", file.Path, attempt);
        }
    }
}
