using HubFeed.Catalog;
using HubFeed.Pipeline;
using HubFeed.Tests.Infrastructure;

namespace HubFeed.Tests.Pipeline;

/// <summary>Full runs (ingest and publish) of the snapshot on the in-memory storage: what the runner does on a repeat.</summary>
public sealed class FullRunTests
{
    [Fact]
    public async Task A_second_run_with_nothing_changed_writes_no_row_uploads_no_blob_and_gets_304s()
    {
        await using var app = await TestApp.StartInMemoryAsync();
        var runner = app.Get<HubFeedRunner>();
        Assert.True((await runner.RunAsync(RunTrigger.Cli, CancellationToken.None)).Succeeded);
        var second = (await runner.RunAsync(RunTrigger.Cli, CancellationToken.None)).Sources[0].Run;

        Assert.Equal(RunStatus.Succeeded, second.Status);
        Assert.Equal((0, 22), (second.PagesFetched, second.PagesNotModified));
        Assert.Equal((0, 0, 213, 0), (second.RowsWritten, second.ItemsNew, second.ItemsUnchanged, second.ItemsWithdrawn));
        Assert.Equal(0, second.BlobsUploaded);
    }
}
