using Azure.Data.Tables;

namespace HubFeed.Tests.Faults;

/// <summary>
/// Runs cut short from outside the source: cancellation (host shutdown, scale-in); storage going away mid-run is
/// <see cref="StorageOutageTests"/>. The catalog stays consistent, the lease does not stay taken, and the next run converges.
/// </summary>
[Collection(AzuriteCollection.Name)]
public sealed class StorageFaultTests(AzuriteFixture fixture)
{
    /// <summary>The snapshot with the ten titles of page 2 (or another page) revised: a listing with something to write.</summary>
    internal static (IReadOnlyList<string> Rows, IReadOnlyList<TruthItem> Truth) Revised(int page)
    {
        var rows = Listing.Rows.ToList();
        var truth = FaultRig.Truth.Items.ToList();
        for (var i = page * 10; i < page * 10 + 10; i++)
        {
            truth[i] = truth[i] with { Title = truth[i].Title + " (revised)" };
            rows[i] = Listing.WithTitle(rows[i], truth[i].Title);
        }
        return (rows, truth);
    }

    [Theory]
    [InlineData("while reading page 10")]
    [InlineData("just after the last page")]
    public async Task A_cancelled_run_leaves_the_catalog_consistent_and_the_lease_free_and_the_next_run_converges(string when)
    {
        await using var rig = await FaultRig.StartAsync(fixture.Azurite);
        var good = await rig.RunGoodAsync();
        var published = await rig.PublishedAsync();

        var (rows, truth) = Revised(12);
        Listing.Serve(rig.Server, rows);
        using var cancel = new CancellationTokenSource();
        rig.Inject((context, page, attempt) =>
        {
            if (when == "while reading page 10" && page == 10 && attempt == 1)
            {
                cancel.Cancel();
            }
            if (when == "just after the last page" && page == 21 && attempt == 1)
            {
                // Lands somewhere in the catalog writes or the publish (or after the run ended): any of them must be safe.
                cancel.CancelAfter(TimeSpan.FromMilliseconds(40));
            }
            return Task.FromResult(false);
        });
        var run = (await rig.RunAsync(cancel.Token)).Run;

        var state = await rig.StateAsync();
        Assert.Null(state.RunningRunId);
        Assert.Null(state.LeaseUntil);
        var recorded = (await rig.RunsAsync())[0];
        Assert.Equal((run.Id, run.Status, run.Error), (recorded.Id, recorded.Status, recorded.Error));
        if (when == "while reading page 10")
        {
            Assert.Equal(RunStatus.Failed, run.Status);
            Assert.Contains("cancelled", run.Error, StringComparison.Ordinal);
            Assert.Equal(good.Id, state.LastGoodRunId);
            FaultRig.AssertRowsAre(await rig.RowsAsync(), FaultRig.Truth.Items);
            (await rig.PublishedAsync()).AssertUnchangedSince(published);
        }
        else
        {
            Assert.True(run.Status == RunStatus.Succeeded || (run.Status == RunStatus.Failed && run.Error!.Contains("cancelled", StringComparison.Ordinal)), $"{run.Status}: {run.Error}");
            // Every row is whole: the old version or the new one, never a mix and never withdrawn.
            var catalog = await rig.RowsAsync();
            Assert.Equal(213, catalog.Count);
            var versions = FaultRig.Truth.Items.Concat(truth).ToLookup(i => ResourceCatalog.IdFor(i.Url));
            Assert.All(catalog, row =>
            {
                Assert.Null(row.GetDateTimeOffset("Withdrawn"));
                Assert.Contains(versions[row.RowKey], v => v.Title == row.GetString("Title") && v.Url == row.GetString("Url"));
                Assert.Equal(row.GetString("ContentHash"), HashOf(row));
            });
        }

        rig.Inject(null);
        var next = await rig.RunGoodAsync();
        Assert.Equal(0, next.ItemsWithdrawn);
        FaultRig.AssertRowsAre(await rig.RowsAsync(), truth);
        var feed = (await rig.PublishedAsync()).Items;
        Assert.Equal(truth.Select(i => (i.Url, i.Title)).Order(), feed.Select(i => (i.GetProperty("id").GetString()!, i.GetProperty("title").GetString()!)).Order());
    }

    /// <summary>The content hash the catalog would compute for what the row holds.</summary>
    private static string HashOf(TableEntity row) => ResourceCatalog.ContentHashOf(new ListingRow(
        row.GetString("Url"), row.GetString("Title"), row.GetString("TypeLabel"), row.GetString("Type"),
        row.GetString("Date") is { Length: > 0 } d ? DateOnly.ParseExact(d, "O", System.Globalization.CultureInfo.InvariantCulture) : null,
        row.GetString("Summary"), row.GetString("Language")));
}

/// <summary>A state write that lands in storage but whose answer is lost: the run still gives its lease back.</summary>
[Collection(AzuriteCollection.Name)]
public sealed class LostAnswerTests(AzuriteFixture fixture)
{
    /// <summary>Lets the n-th write to the source state table through, then throws as if its answer never came.</summary>
    private sealed class LoseNextStateAnswer : Azure.Core.Pipeline.HttpPipelinePolicy
    {
        private int _countdown;

        public bool Armed => Volatile.Read(ref _countdown) > 0;

        public void Arm(int nth) => Volatile.Write(ref _countdown, nth);

        private void After(Azure.Core.HttpMessage message)
        {
            if (message.Request.Method != Azure.Core.RequestMethod.Get && message.Request.Uri.Path.Contains("sourcestate", StringComparison.Ordinal)
                && Volatile.Read(ref _countdown) > 0 && Interlocked.Decrement(ref _countdown) == 0)
            {
                throw new Azure.RequestFailedException(0, "The connection was reset before the answer came (test).");
            }
        }

        public override void Process(Azure.Core.HttpMessage message, ReadOnlyMemory<Azure.Core.Pipeline.HttpPipelinePolicy> pipeline)
        {
            ProcessNext(message, pipeline);
            After(message);
        }

        public override async ValueTask ProcessAsync(Azure.Core.HttpMessage message, ReadOnlyMemory<Azure.Core.Pipeline.HttpPipelinePolicy> pipeline)
        {
            await ProcessNextAsync(message, pipeline);
            After(message);
        }
    }

    [Theory]
    [InlineData(1, RunStatus.Succeeded)] // taking the lease: it is ours, the run goes on
    [InlineData(2, RunStatus.PublishFailed)] // the publish's first state write: the run gives the lease back all the same
    public async Task A_state_write_whose_answer_is_lost_never_leaves_the_lease_taken(int nth, RunStatus expected)
    {
        var lose = new LoseNextStateAnswer();
        var options = new Azure.Data.Tables.TableClientOptions();
        options.AddPolicy(lose, Azure.Core.HttpPipelinePosition.PerCall);
        options.Retry.MaxRetries = 0;
        await using var rig = await FaultRig.StartAsync(fixture.Azurite, configure: services =>
            Microsoft.Extensions.DependencyInjection.ServiceCollectionServiceExtensions.AddSingleton(services, new Azure.Data.Tables.TableServiceClient(fixture.Azurite.ConnectionString, options)));
        await rig.RunGoodAsync();

        // A change to publish; the n-th state write lands, its answer does not.
        var rows = Listing.Rows.ToList();
        rows[3] = Listing.WithTitle(rows[3], "Retitled as the answer is lost");
        Listing.Serve(rig.Server, rows);
        lose.Arm(nth);
        var run = (await rig.RunAsync()).Run;

        Assert.False(lose.Armed);
        Assert.True(run.Status == expected, $"{run.Status}: {run.Error}");
        var state = await rig.StateAsync();
        Assert.Null(state.RunningRunId); // released with the fresh ETag: our own write had landed
        var next = await rig.RunGoodAsync();
        // What the first run could not publish, the next one does.
        Assert.Equal(expected == RunStatus.PublishFailed, next.BlobsUploaded > 0);
        Assert.Contains((await rig.PublishedAsync()).Items, i => i.GetProperty("title").GetString() == "Retitled as the answer is lost");
    }
}
