using System.Globalization;
using HubFeed.Layout;
using Microsoft.Extensions.Options;

namespace HubFeed.Publishing.InMemory;

/// <summary>
/// The published files in memory, with the container's conditional writes: a create-only write loses to any file of
/// the name, a replace names the version it read (a counter here, an ETag there) and loses to any write in between.
/// Its root is a URL no one answers (.invalid): what a run publishes here is read back through the port, not HTTP.
/// </summary>
public sealed class InMemoryPublishedStore(IOptions<PublishOptions> options) : IPublishedStore
{
    private sealed record Stored(byte[] Content, string Hash, string ContentType, string CacheControl, long Generation, string Version);

    private readonly Lock _gate = new();
    private readonly Dictionary<string, Stored> _files = new(StringComparer.Ordinal);
    private long _version;

    public Uri Root => new($"http://published.invalid/{options.Value.Container}/");

    public Task<bool> TryWriteAsync(PublishedFile file, string cacheControl, long generation, string? ifVersion, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        lock (_gate)
        {
            var current = _files.GetValueOrDefault(file.Path);
            if (current?.Version != ifVersion)
            {
                return Task.FromResult(false);
            }
            var version = "\"" + (++_version).ToString(CultureInfo.InvariantCulture) + "\"";
            // A copy: the caller's array may change after the write, the stored file may not.
            _files[file.Path] = new Stored([.. file.Content], file.Hash, file.ContentType, cacheControl, generation, version);
            return Task.FromResult(true);
        }
    }

    public Task<StoredFileInfo?> InfoAsync(string path, CancellationToken cancellationToken) =>
        Read(path, s => new StoredFileInfo(s.Hash, s.Generation, s.Version), cancellationToken);

    public async Task<bool> ExistsAsync(string path, CancellationToken cancellationToken) =>
        await InfoAsync(path, cancellationToken) is not null;

    public Task<StoredFile?> ReadAsync(string path, CancellationToken cancellationToken) =>
        Read(path, s => new StoredFile([.. s.Content], s.Generation, s.Version), cancellationToken);

    public Task<ChangedFile?> ReadIfChangedAsync(string path, string? version, CancellationToken cancellationToken) =>
        Read(path, s => s.Version == version ? new ChangedFile(true, null, s.Version) : new ChangedFile(false, [.. s.Content], s.Version), cancellationToken);

    /// <summary>The content type and cache rule a file was written with (what Blob Storage would serve it with).</summary>
    public (string ContentType, string CacheControl)? HeadersOf(string path)
    {
        lock (_gate)
        {
            return _files.TryGetValue(path, out var s) ? (s.ContentType, s.CacheControl) : null;
        }
    }

    /// <summary>Every file's version by name (what a container listing shows).</summary>
    public IReadOnlyDictionary<string, string> Versions()
    {
        lock (_gate)
        {
            return _files.ToDictionary(f => f.Key, f => f.Value.Version, StringComparer.Ordinal);
        }
    }

    private Task<T?> Read<T>(string path, Func<Stored, T> map, CancellationToken cancellationToken) where T : class
    {
        cancellationToken.ThrowIfCancellationRequested();
        lock (_gate)
        {
            return Task.FromResult(_files.TryGetValue(path, out var s) ? map(s) : null);
        }
    }
}
