using System.Globalization;
using Azure;
using Azure.Storage;
using Azure.Storage.Blobs;
using Azure.Storage.Blobs.Models;
using HubFeed.Layout;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace HubFeed.Publishing;

/// <summary>
/// Writes files to the public container in an order that keeps every reference resolvable: immutable files first
/// (create-only, If-None-Match: *), then the stable names in the order given (the caller puts the ones that point at
/// others last). A stable name is replaced with If-Match on the ETag just read, and never by a publish whose generation
/// is older than the one that wrote it. A file whose bytes are unchanged is not uploaded. Each blob is one Put Blob, so
/// a reader sees the old file or the new one, never half of one.
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

    public BlobLayout Layout => new(options.Value.PublicBaseUrl ?? ContainerUri) { WebSubHub = options.Value.WebSubHub };

    /// <summary>Publishes the files; <paramref name="generation"/> orders publishes of the same names (newer wins).</summary>
    public async Task<PublishResult> PublishAsync(IReadOnlyList<PublishedFile> files, long generation, CancellationToken cancellationToken)
    {
        var container = await GetContainerAsync(cancellationToken);
        var total = PublishResult.Empty;
        foreach (var file in files.Where(f => f.Immutable))
        {
            total += await CreateOnlyAsync(container.GetBlobClient(file.Path), file, generation, cancellationToken)
                ? new PublishResult(1, 0, 0) { Written = [file.Path] } : new PublishResult(0, 1, 0);
        }
        foreach (var file in files.Where(f => !f.Immutable))
        {
            total += await ReplaceAsync(container.GetBlobClient(file.Path), file, generation, cancellationToken);
        }
        return total;
    }

    /// <summary>Whether a blob exists (a pinned snippet may only name a widget file that is there).</summary>
    public async Task<bool> ExistsAsync(string path, CancellationToken cancellationToken)
    {
        var container = await GetContainerAsync(cancellationToken);
        return await container.GetBlobClient(path).ExistsAsync(cancellationToken);
    }

    /// <summary>The bytes of a published file and the generation that wrote it; null when there is none.</summary>
    public async Task<(byte[] Content, long Generation, ETag ETag)?> ReadAsync(string path, CancellationToken cancellationToken)
    {
        var container = await GetContainerAsync(cancellationToken);
        try
        {
            var result = await container.GetBlobClient(path).DownloadContentAsync(cancellationToken);
            return (result.Value.Content.ToArray(), GenerationOf(result.Value.Details.Metadata), result.Value.Details.ETag);
        }
        catch (RequestFailedException e) when (e.Status == 404)
        {
            return null;
        }
    }

    /// <summary>A conditional read: NotModified when the blob still has <paramref name="etag"/>; null when there is no blob.</summary>
    public async Task<(bool NotModified, byte[]? Content, ETag ETag)?> ReadIfChangedAsync(string path, ETag? etag, CancellationToken cancellationToken)
    {
        var container = await GetContainerAsync(cancellationToken);
        try
        {
            var result = await container.GetBlobClient(path).DownloadContentAsync(
                new BlobDownloadOptions { Conditions = etag is { } e ? new BlobRequestConditions { IfNoneMatch = e } : null }, cancellationToken);
            // The SDK does not throw on a 304: it returns no value.
            return result.HasValue ? (false, result.Value.Content.ToArray(), result.Value.Details.ETag) : (true, null, etag!.Value);
        }
        catch (RequestFailedException e) when (e.Status == 304)
        {
            return (true, null, etag!.Value);
        }
        catch (RequestFailedException e) when (e.Status == 404)
        {
            return null;
        }
    }

    /// <summary>The generation that wrote a stable name, or null when it does not exist.</summary>
    public async Task<long?> GenerationAsync(string path, CancellationToken cancellationToken)
    {
        var container = await GetContainerAsync(cancellationToken);
        return (await PropertiesAsync(container.GetBlobClient(path), cancellationToken))?.Generation;
    }

    private async Task<PublishResult> ReplaceAsync(BlobClient stable, PublishedFile file, long generation, CancellationToken cancellationToken)
    {
        for (var attempt = 0; ; attempt++)
        {
            var current = await PropertiesAsync(stable, cancellationToken);
            if (current is { } c && c.Hash == file.Hash)
            {
                return new PublishResult(0, 1, 0);
            }
            if (current is { } newer && newer.Generation > generation)
            {
                logger.LogInformation("Kept {Path}: a newer publish (generation {Newer}) wrote it", file.Path, newer.Generation);
                return new PublishResult(0, 0, 1);
            }
            var conditions = current is { } cur ? new BlobRequestConditions { IfMatch = cur.ETag } : new BlobRequestConditions { IfNoneMatch = ETag.All };
            try
            {
                await stable.UploadAsync(BinaryData.FromBytes(file.Content), Upload(file, StableCache, generation, conditions), cancellationToken);
                return new PublishResult(1, 0, 0) { Written = [file.Path] };
            }
            catch (RequestFailedException e) when (e.Status is 409 or 412 && attempt < 3)
            {
                // Someone wrote it between our read and our write: read again and decide again.
                logger.LogInformation("{Path} changed while publishing ({Status}); reading it again", file.Path, e.Status);
            }
        }
    }

    private static async Task<bool> CreateOnlyAsync(BlobClient blob, PublishedFile file, long generation, CancellationToken cancellationToken)
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

    private static BlobUploadOptions Upload(PublishedFile file, string cacheControl, long generation, BlobRequestConditions conditions) => new()
    {
        HttpHeaders = new BlobHttpHeaders { ContentType = file.ContentType, CacheControl = cacheControl },
        Metadata = new Dictionary<string, string>
        {
            [HashKey] = file.Hash,
            [GenerationKey] = generation.ToString(CultureInfo.InvariantCulture),
        },
        Conditions = conditions,
        TransferOptions = SingleShot,
    };

    private static long GenerationOf(IDictionary<string, string> metadata) =>
        metadata.TryGetValue(GenerationKey, out var g) && long.TryParse(g, CultureInfo.InvariantCulture, out var n) ? n : long.MinValue;

    private static async Task<(string? Hash, long Generation, ETag ETag)?> PropertiesAsync(BlobClient blob, CancellationToken cancellationToken)
    {
        try
        {
            BlobProperties p = await blob.GetPropertiesAsync(cancellationToken: cancellationToken);
            p.Metadata.TryGetValue(HashKey, out var hash);
            return (hash, GenerationOf(p.Metadata), p.ETag);
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
            // Anonymous read of blobs (not listing): the feeds and the embed are public by design. Created here only
            // locally: in Azure, Bicep creates it and the app's role may read a container, never create or delete one.
            if (!await container.ExistsAsync(cancellationToken))
            {
                await container.CreateIfNotExistsAsync(PublicAccessType.Blob, cancellationToken: cancellationToken);
            }
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
