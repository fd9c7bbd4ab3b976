using HubFeed.Layout;

namespace HubFeed.Publishing;

/// <summary>
/// The published files (port): one public container of named files, each written whole with its content hash and the
/// publish generation that wrote it, and replaced only conditionally. <see cref="BlobPublisher"/> decides what to write
/// and in which order; an adapter only stores (Blob Storage, or memory for the pipeline's tests).
/// </summary>
public interface IPublishedStore
{
    /// <summary>The container's URL, ending in '/': the public root when no PublicBaseUrl is configured.</summary>
    Uri Root { get; }

    /// <summary>
    /// Writes one file whole. <paramref name="ifVersion"/> null: only if no file has the name (create-only); otherwise
    /// only if the file still has that version. False when the condition failed (someone else wrote the name).
    /// </summary>
    Task<bool> TryWriteAsync(PublishedFile file, string cacheControl, long generation, string? ifVersion, CancellationToken cancellationToken);

    /// <summary>The hash, generation and version of a file, or null when there is none.</summary>
    Task<StoredFileInfo?> InfoAsync(string path, CancellationToken cancellationToken);

    /// <summary>Whether a file exists.</summary>
    Task<bool> ExistsAsync(string path, CancellationToken cancellationToken);

    /// <summary>The bytes of a file with its generation and version; null when there is none.</summary>
    Task<StoredFile?> ReadAsync(string path, CancellationToken cancellationToken);

    /// <summary>A conditional read: NotModified when the file still has <paramref name="version"/>; null when there is none.</summary>
    Task<ChangedFile?> ReadIfChangedAsync(string path, string? version, CancellationToken cancellationToken);
}
