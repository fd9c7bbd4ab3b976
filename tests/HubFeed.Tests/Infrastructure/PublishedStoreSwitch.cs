using Azure;
using HubFeed.Publishing.InMemory;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace HubFeed.Tests.Infrastructure;

/// <summary>
/// The in-memory published files behind a switch that counts writes, or fails every write from the n-th on as Blob
/// Storage does when it stops (a 503): a publish killed between two writes, at the port <see cref="BlobPublisher"/>
/// writes through. Reads go on answering, as they did before the write that failed.
/// </summary>
public sealed class PublishedStoreSwitch(InMemoryPublishedStore files) : IPublishedStore
{
    private int _writes;
    private int _failAfter = -1;

    /// <summary>The files behind the switch.</summary>
    public InMemoryPublishedStore Files => files;

    /// <summary>Writes tried since the last <see cref="Count"/> or <see cref="FailWritesAfter"/>.</summary>
    public int Writes => Volatile.Read(ref _writes);

    public Uri Root => files.Root;

    /// <summary>Replaces the in-memory published files (after AddHubFeedInMemoryStorage) with the same files behind a switch.</summary>
    public static void Install(IServiceCollection services)
    {
        services.RemoveAll<IPublishedStore>();
        services.AddSingleton<InMemoryPublishedStore>();
        services.AddSingleton<PublishedStoreSwitch>();
        services.AddSingleton<IPublishedStore>(sp => sp.GetRequiredService<PublishedStoreSwitch>());
    }

    /// <summary>Lets <paramref name="writes"/> more writes land, then fails every one.</summary>
    public void FailWritesAfter(int writes)
    {
        Volatile.Write(ref _writes, 0);
        Volatile.Write(ref _failAfter, writes);
    }

    public void Count()
    {
        Volatile.Write(ref _writes, 0);
        Volatile.Write(ref _failAfter, -1);
    }

    public void Heal() => Volatile.Write(ref _failAfter, -1);

    public Task<bool> TryWriteAsync(PublishedFile file, string cacheControl, long generation, string? ifVersion, CancellationToken cancellationToken)
    {
        var n = Interlocked.Increment(ref _writes);
        var failAfter = Volatile.Read(ref _failAfter);
        if (failAfter >= 0 && n > failAfter)
        {
            throw new RequestFailedException(503, "Blob storage is stopped (test).");
        }
        return files.TryWriteAsync(file, cacheControl, generation, ifVersion, cancellationToken);
    }

    public Task<StoredFileInfo?> InfoAsync(string path, CancellationToken cancellationToken) => files.InfoAsync(path, cancellationToken);

    public Task<bool> ExistsAsync(string path, CancellationToken cancellationToken) => files.ExistsAsync(path, cancellationToken);

    public Task<StoredFile?> ReadAsync(string path, CancellationToken cancellationToken) => files.ReadAsync(path, cancellationToken);

    public Task<ChangedFile?> ReadIfChangedAsync(string path, string? version, CancellationToken cancellationToken) =>
        files.ReadIfChangedAsync(path, version, cancellationToken);
}
