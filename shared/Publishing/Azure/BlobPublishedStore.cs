using System.Globalization;
using Azure;
using Azure.Storage;
using Azure.Storage.Blobs;
using Azure.Storage.Blobs.Models;
using HubFeed.Layout;
using Microsoft.Extensions.Options;

namespace HubFeed.Publishing.Azure;

/// <summary>
/// The published files in a Blob Storage container: each file is one Put Blob (a reader sees the old file or the new
/// one, never half of one), its hash and generation in the blob's metadata, its version the blob's ETag. Creates the
/// container (public read of blobs) and sets CORS only locally, as <see cref="PublishOptions"/> says.
/// </summary>
public sealed class BlobPublishedStore(BlobServiceClient service, IOptions<PublishOptions> options) : IPublishedStore
{
    private const string HashKey = "contenthash";
    private const string GenerationKey = "generation";

    private static readonly StorageTransferOptions SingleShot = new() { InitialTransferSize = 64 * 1024 * 1024, MaximumTransferSize = 64 * 1024 * 1024 };

    private readonly SemaphoreSlim _gate = new(1, 1);
    private BlobContainerClient? _container;

    public Uri Root => EnsureTrailingSlash(service.GetBlobContainerClient(options.Value.Container).Uri);

    public async Task<bool> TryWriteAsync(PublishedFile file, string cacheControl, long generation, string? ifVersion, CancellationToken cancellationToken)
    {
        var blob = (await GetContainerAsync(cancellationToken)).GetBlobClient(file.Path);
        var conditions = ifVersion is { } v ? new BlobRequestConditions { IfMatch = new ETag(v) } : new BlobRequestConditions { IfNoneMatch = ETag.All };
        try
        {
            await blob.UploadAsync(BinaryData.FromBytes(file.Content), new BlobUploadOptions
            {
                HttpHeaders = new BlobHttpHeaders { ContentType = file.ContentType, CacheControl = cacheControl },
                Metadata = new Dictionary<string, string>
                {
                    [HashKey] = file.Hash,
                    [GenerationKey] = generation.ToString(CultureInfo.InvariantCulture),
                },
                Conditions = conditions,
                TransferOptions = SingleShot,
            }, cancellationToken);
            return true;
        }
        catch (RequestFailedException e) when (e.Status is 409 or 412)
        {
            return false;
        }
    }

    public async Task<StoredFileInfo?> InfoAsync(string path, CancellationToken cancellationToken)
    {
        var blob = (await GetContainerAsync(cancellationToken)).GetBlobClient(path);
        try
        {
            BlobProperties p = await blob.GetPropertiesAsync(cancellationToken: cancellationToken);
            p.Metadata.TryGetValue(HashKey, out var hash);
            return new StoredFileInfo(hash, GenerationOf(p.Metadata), p.ETag.ToString());
        }
        catch (RequestFailedException e) when (e.Status == 404)
        {
            return null;
        }
    }

    public async Task<bool> ExistsAsync(string path, CancellationToken cancellationToken) =>
        await (await GetContainerAsync(cancellationToken)).GetBlobClient(path).ExistsAsync(cancellationToken);

    public async Task<StoredFile?> ReadAsync(string path, CancellationToken cancellationToken)
    {
        var blob = (await GetContainerAsync(cancellationToken)).GetBlobClient(path);
        try
        {
            var result = await blob.DownloadContentAsync(cancellationToken);
            return new StoredFile(result.Value.Content.ToArray(), GenerationOf(result.Value.Details.Metadata), result.Value.Details.ETag.ToString());
        }
        catch (RequestFailedException e) when (e.Status == 404)
        {
            return null;
        }
    }

    public async Task<ChangedFile?> ReadIfChangedAsync(string path, string? version, CancellationToken cancellationToken)
    {
        var blob = (await GetContainerAsync(cancellationToken)).GetBlobClient(path);
        try
        {
            var result = await blob.DownloadContentAsync(
                new BlobDownloadOptions { Conditions = version is { } v ? new BlobRequestConditions { IfNoneMatch = new ETag(v) } : null }, cancellationToken);
            // The SDK does not throw on a 304: it returns no value.
            return result.HasValue ? new ChangedFile(false, result.Value.Content.ToArray(), result.Value.Details.ETag.ToString()) : new ChangedFile(true, null, version!);
        }
        catch (RequestFailedException e) when (e.Status == 304)
        {
            return new ChangedFile(true, null, version!);
        }
        catch (RequestFailedException e) when (e.Status == 404)
        {
            return null;
        }
    }

    private static long GenerationOf(IDictionary<string, string> metadata) =>
        metadata.TryGetValue(GenerationKey, out var g) && long.TryParse(g, CultureInfo.InvariantCulture, out var n) ? n : long.MinValue;

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
