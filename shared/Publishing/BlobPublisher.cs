using System.Globalization;
using System.Security.Cryptography;
using Azure;
using Azure.Storage;
using Azure.Storage.Blobs;
using Azure.Storage.Blobs.Models;
using HubFeed.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace HubFeed.Publishing;

/// <summary>A file to publish at a stable name; with <see cref="Versioned"/> it also gets an immutable content-hashed copy.</summary>
public sealed record PublishedFile(string Path, byte[] Content, string ContentType, bool Versioned = true, string? VersionedFolder = null)
{
    public string Hash { get; } = HashOf(Content);

    /// <summary>The content hash in versioned names: the first 12 hex digits of SHA-256.</summary>
    public static string HashOf(byte[] content) => Convert.ToHexStringLower(SHA256.HashData(content))[..12];

    /// <summary>
    /// "objective-11/feed.json" becomes "objective-11/feed.3f2a9c1b0d4e.json"; with a VersionedFolder the copy goes
    /// there instead ("widget/v1/gcm-resources.js" has its immutable copy at "widget/gcm-resources.&lt;hash&gt;.js").
    /// </summary>
    public string VersionedPath
    {
        get
        {
            var slash = Path.LastIndexOf('/');
            var folder = VersionedFolder ?? Path[..(slash + 1)];
            var name = Path[(slash + 1)..];
            var dot = name.LastIndexOf('.');
            return dot > 0 ? $"{folder}{name[..dot]}.{Hash}{name[dot..]}" : $"{folder}{name}.{Hash}";
        }
    }
}

public sealed record PublishResult(int Uploaded, int Unchanged, int LostToNewer)
{
    public static PublishResult operator +(PublishResult a, PublishResult b) =>
        new(a.Uploaded + b.Uploaded, a.Unchanged + b.Unchanged, a.LostToNewer + b.LostToNewer);
}

/// <summary>
/// Writes files to the public container. Immutable copies are create-only (If-None-Match: *) with a one-year cache;
/// stable names have a short cache and are replaced with If-Match on the ETag read just before, so a concurrent
/// publish never overwrites a newer one. A file whose hash is unchanged is not uploaded. Each blob is one Put Blob,
/// so a reader sees the old file or the new one, never half of one.
/// </summary>
public sealed class BlobPublisher(BlobServiceClient service, IOptions<PublishOptions> options, ILogger<BlobPublisher> logger)
{
    public const string ImmutableCache = "public, max-age=31536000, immutable";
    public const string StableCache = "public, max-age=300";
    private const string HashKey = "contenthash";
    private const string GenerationKey = "generation";

    private static readonly StorageTransferOptions SingleShot = new() { InitialTransferSize = 64 * 1024 * 1024, MaximumTransferSize = 64 * 1024 * 1024 };

    private readonly SemaphoreSlim _gate = new(1, 1);
    private BlobContainerClient? _container;

    /// <summary>The container's URL: the public root when no PublicBaseUrl is configured.</summary>
    public Uri ContainerUri => EnsureTrailingSlash(service.GetBlobContainerClient(options.Value.Container).Uri);

    public Uri PublicRoot => options.Value.PublicBaseUrl is { } u ? EnsureTrailingSlash(u) : ContainerUri;

    /// <summary>Publishes the files; <paramref name="generation"/> orders publishes (newer wins).</summary>
    public async Task<PublishResult> PublishAsync(IEnumerable<PublishedFile> files, DateTimeOffset generation, CancellationToken cancellationToken)
    {
        var container = await GetContainerAsync(cancellationToken);
        var total = new PublishResult(0, 0, 0);
        foreach (var file in files)
        {
            total += await PublishOneAsync(container, file, generation, cancellationToken);
        }
        return total;
    }

    private async Task<PublishResult> PublishOneAsync(BlobContainerClient container, PublishedFile file, DateTimeOffset generation, CancellationToken cancellationToken)
    {
        var stable = container.GetBlobClient(file.Path);
        for (var attempt = 0; ; attempt++)
        {
            var current = await ReadAsync(stable, cancellationToken);
            if (current is { } c && c.Hash == file.Hash)
            {
                return new PublishResult(0, 1, 0);
            }
            if (current is { } newer && newer.Generation > generation)
            {
                logger.LogInformation("Kept {Path}: a newer publish ({Newer:O}) wrote it", file.Path, newer.Generation);
                return new PublishResult(0, 0, 1);
            }

            var uploaded = 0;
            if (file.Versioned && await CreateOnlyAsync(container.GetBlobClient(file.VersionedPath), file, generation, cancellationToken))
            {
                uploaded++;
            }

            var conditions = current is { } cur ? new BlobRequestConditions { IfMatch = cur.ETag } : new BlobRequestConditions { IfNoneMatch = ETag.All };
            try
            {
                await stable.UploadAsync(BinaryData.FromBytes(file.Content), Upload(file, StableCache, generation, conditions), cancellationToken);
                return new PublishResult(uploaded + 1, 0, 0);
            }
            catch (RequestFailedException e) when (e.Status is 409 or 412 && attempt < 3)
            {
                // Someone wrote it between our read and our write: read again and decide again.
                logger.LogInformation("{Path} changed while publishing ({Status}); reading it again", file.Path, e.Status);
            }
        }
    }

    private static async Task<bool> CreateOnlyAsync(BlobClient blob, PublishedFile file, DateTimeOffset generation, CancellationToken cancellationToken)
    {
        try
        {
            await blob.UploadAsync(BinaryData.FromBytes(file.Content),
                Upload(file, ImmutableCache, generation, new BlobRequestConditions { IfNoneMatch = ETag.All }), cancellationToken);
            return true;
        }
        catch (RequestFailedException e) when (e.Status is 409 or 412)
        {
            return false; // Same name, same hash: the same bytes are already there.
        }
    }

    private static BlobUploadOptions Upload(PublishedFile file, string cacheControl, DateTimeOffset generation, BlobRequestConditions conditions) => new()
    {
        HttpHeaders = new BlobHttpHeaders { ContentType = file.ContentType, CacheControl = cacheControl },
        Metadata = new Dictionary<string, string>
        {
            [HashKey] = file.Hash,
            [GenerationKey] = generation.UtcTicks.ToString(CultureInfo.InvariantCulture),
        },
        Conditions = conditions,
        TransferOptions = SingleShot,
    };

    private static async Task<(string? Hash, DateTimeOffset Generation, ETag ETag)?> ReadAsync(BlobClient blob, CancellationToken cancellationToken)
    {
        try
        {
            BlobProperties p = await blob.GetPropertiesAsync(cancellationToken: cancellationToken);
            p.Metadata.TryGetValue(HashKey, out var hash);
            var generation = p.Metadata.TryGetValue(GenerationKey, out var g) && long.TryParse(g, CultureInfo.InvariantCulture, out var ticks)
                ? new DateTimeOffset(ticks, TimeSpan.Zero) : DateTimeOffset.MinValue;
            return (hash, generation, p.ETag);
        }
        catch (RequestFailedException e) when (e.Status == 404)
        {
            return null;
        }
    }

    private async Task<BlobContainerClient> GetContainerAsync(CancellationToken cancellationToken)
    {
        if (_container is not null)
        {
            return _container;
        }
        await _gate.WaitAsync(cancellationToken);
        try
        {
            if (_container is not null)
            {
                return _container;
            }
            var o = options.Value;
            var container = service.GetBlobContainerClient(o.Container);
            // Anonymous read of blobs (not listing): the feeds and the embed are public by design.
            await container.CreateIfNotExistsAsync(PublicAccessType.Blob, cancellationToken: cancellationToken);
            if (o.ConfigureCors)
            {
                await ConfigureCorsAsync(o, cancellationToken);
            }
            return _container = container;
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <summary>Lets pages on other origins fetch() the feeds. Locally only: in Azure, Bicep owns these rules.</summary>
    private async Task ConfigureCorsAsync(PublishOptions o, CancellationToken cancellationToken)
    {
        BlobServiceProperties properties = await service.GetPropertiesAsync(cancellationToken);
        properties.Cors = [new BlobCorsRule
        {
            AllowedOrigins = o.AllowedOrigins,
            AllowedMethods = "GET,HEAD,OPTIONS",
            AllowedHeaders = "*",
            ExposedHeaders = "ETag,Content-Length,Content-Type,Last-Modified,Cache-Control",
            MaxAgeInSeconds = 3600,
        }];
        await service.SetPropertiesAsync(properties, cancellationToken);
    }

    private static Uri EnsureTrailingSlash(Uri u) => u.AbsoluteUri.EndsWith('/') ? u : new Uri(u.AbsoluteUri + "/");
}
