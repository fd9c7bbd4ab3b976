using System.Text;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace HubFeed.Tests.Publishing.Contract;

/// <summary>
/// What every adapter of the published files must do, run against each (in memory, and Blob Storage on Azurite):
/// writes are conditional (create-only loses to any file of the name, a replace loses to any write since its read),
/// reads return the bytes with the generation and version, a conditional read answers NotModified on the same version;
/// and the one publisher on top keeps unchanged bytes, immutable names and the newer generation.
/// </summary>
public abstract class PublishedStoreContract
{
    /// <summary>The adapter, empty and isolated from every other test, with the options it was made with.</summary>
    protected abstract IPublishedStore Open(IOptions<PublishOptions> options);

    private (IPublishedStore Store, BlobPublisher Publisher) OpenBoth()
    {
        var options = Options.Create(new PublishOptions { Container = "c" + Guid.NewGuid().ToString("N")[..12] });
        var store = Open(options);
        return (store, new BlobPublisher(store, options, NullLogger<BlobPublisher>.Instance));
    }

    private static PublishedFile File(string path, string text, bool immutable = false) =>
        new(path, Encoding.UTF8.GetBytes(text), "application/feed+json", immutable);

    [Fact]
    public async Task A_create_only_write_loses_to_any_file_of_the_name_and_a_replace_to_any_write_since_its_read()
    {
        var (store, _) = OpenBoth();
        var ct = CancellationToken.None;
        Assert.Null(await store.InfoAsync("a.json", ct));
        Assert.False(await store.ExistsAsync("a.json", ct));

        Assert.True(await store.TryWriteAsync(File("a.json", "one"), BlobPublisher.StableCache, 5, null, ct));
        Assert.False(await store.TryWriteAsync(File("a.json", "two"), BlobPublisher.StableCache, 6, null, ct));
        Assert.Equal("one", Encoding.UTF8.GetString((await store.ReadAsync("a.json", ct))!.Content)); // the losing bytes never land
        var first = await store.InfoAsync("a.json", ct);
        Assert.Equal((File("a.json", "one").Hash, 5L), (first!.Hash, first.Generation));

        Assert.True(await store.TryWriteAsync(File("a.json", "three"), BlobPublisher.StableCache, 7, first.Version, ct));
        // The version read before that write no longer names the file.
        Assert.False(await store.TryWriteAsync(File("a.json", "four"), BlobPublisher.StableCache, 8, first.Version, ct));
        var read = await store.ReadAsync("a.json", ct);
        Assert.Equal(("three", 7L), (Encoding.UTF8.GetString(read!.Content), read.Generation));
        Assert.NotEqual(first.Version, read.Version);
        Assert.True(await store.ExistsAsync("a.json", ct));
        Assert.Null(await store.ReadAsync("missing.json", ct));
    }

    [Fact]
    public async Task A_conditional_read_answers_not_modified_on_the_same_version_and_the_bytes_after_a_write()
    {
        var (store, _) = OpenBoth();
        var ct = CancellationToken.None;
        Assert.Null(await store.ReadIfChangedAsync("feed.json", null, ct));
        await store.TryWriteAsync(File("feed.json", "v1"), BlobPublisher.StableCache, 1, null, ct);

        var first = await store.ReadIfChangedAsync("feed.json", null, ct);
        Assert.Equal((false, "v1"), (first!.NotModified, Encoding.UTF8.GetString(first.Content!)));
        var same = await store.ReadIfChangedAsync("feed.json", first.Version, ct);
        Assert.Equal((true, null, first.Version), (same!.NotModified, same.Content, same.Version));

        await store.TryWriteAsync(File("feed.json", "v2"), BlobPublisher.StableCache, 2, first.Version, ct);
        var changed = await store.ReadIfChangedAsync("feed.json", first.Version, ct);
        Assert.Equal((false, "v2"), (changed!.NotModified, Encoding.UTF8.GetString(changed.Content!)));
        Assert.NotEqual(first.Version, changed.Version);
    }

    [Fact]
    public async Task The_publisher_skips_unchanged_bytes_keeps_immutable_names_and_never_lets_an_older_generation_win()
    {
        var (store, publisher) = OpenBoth();
        var ct = CancellationToken.None;
        var files = new[] { File("v/abc.js", "immutable", immutable: true), File("feed.json", "v1") };

        var first = await publisher.PublishAsync(files, 10, ct);
        Assert.Equal((2, 0, 0), (first.Uploaded, first.Unchanged, first.LostToNewer));
        Assert.Equal(new[] { "v/abc.js", "feed.json" }, first.Written);
        var version = (await store.InfoAsync("feed.json", ct))!.Version;

        var again = await publisher.PublishAsync(files, 11, ct);
        Assert.Equal((0, 2, 0), (again.Uploaded, again.Unchanged, again.LostToNewer));
        Assert.Equal(version, (await store.InfoAsync("feed.json", ct))!.Version);

        // An immutable name is never rewritten, even with other bytes.
        var clash = await publisher.PublishAsync([File("v/abc.js", "other", immutable: true)], 12, ct);
        Assert.Equal((0, 1), (clash.Uploaded, clash.Unchanged));
        Assert.Equal("immutable", Encoding.UTF8.GetString((await store.ReadAsync("v/abc.js", ct))!.Content));

        var older = await publisher.PublishAsync([File("feed.json", "old")], 9, ct);
        Assert.Equal((0, 0, 1), (older.Uploaded, older.Unchanged, older.LostToNewer));
        var newer = await publisher.PublishAsync([File("feed.json", "v2")], 12, ct);
        Assert.Equal(1, newer.Uploaded);
        Assert.Equal((12L, "v2"), ((await store.InfoAsync("feed.json", ct))?.Generation, Encoding.UTF8.GetString((await store.ReadAsync("feed.json", ct))!.Content)));
    }
}
