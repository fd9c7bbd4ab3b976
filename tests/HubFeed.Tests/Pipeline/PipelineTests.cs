using System.Net;
using Azure.Data.Tables;
using HubFeed.Catalog.Azure;
using HubFeed.Tests.Publishing;

namespace HubFeed.Tests.Pipeline;

/// <summary>
/// A full run on Azurite as storage shows it: the rows in the table, every blob served over HTTP with its type, ETag and
/// cache rules, and every URL a published file names answering. What the run writes and publishes, read through the
/// ports, is <see cref="FullRunTests"/> (in memory).
/// </summary>
[Collection(AzuriteCollection.Name)]
public sealed class PipelineTests(AzuriteFixture fixture)
{
    [Fact]
    public async Task Every_published_blob_has_a_content_type_with_charset_and_a_cache_policy()
    {
        await using var app = await TestApp.StartAsync(fixture.Azurite);
        var report = await app.Get<HubFeedRunner>().RunAsync(RunTrigger.Cli, CancellationToken.None);
        FullRunTests.AssertFilledTheCatalog(report);

        // The rows, read back from the table itself.
        var table = new TableServiceClient(fixture.Azurite.ConnectionString).GetTableClient(app.TablePrefix + StorageTables.Resources);
        FullRunTests.AssertRows(table.Query<TableEntity>(e => e.PartitionKey == "objective-11").Select(r => (r.RowKey, r.GetString("Url"), r.GetString("Title"), r.GetString("Type"))));

        // The feed, read over plain HTTP from the blob endpoint, as a browser would.
        using var http = new HttpClient();
        using (var response = await http.GetAsync(app.Get<PublishJob>().Layout.Url(BlobLayout.JsonFeed(TestSources.Scope(11)))))
        {
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Assert.Equal("application/feed+json; charset=utf-8", response.Content.Headers.ContentType!.ToString());
            Assert.Equal("public, max-age=300", response.Headers.CacheControl!.ToString());
            Assert.NotNull(response.Headers.ETag);
            FullRunTests.AssertFeed(await response.Content.ReadAsStringAsync());
        }

        var container = new Azure.Storage.Blobs.BlobContainerClient(fixture.Azurite.ConnectionString, app.Container);
        var names = container.GetBlobs().Select(b => b.Name).ToList();
        Assert.Contains("objective-11/feed.json", names);
        Assert.Contains("objective-11/feed.atom", names);
        Assert.Contains("objective-11/index.html", names);
        Assert.Contains("objective-11/embed.html", names);
        Assert.Contains("objectives.json", names);
        Assert.Contains("index.html", names);
        Assert.Contains("all/feed.json", names);
        Assert.Contains("all/feed.atom", names);
        Assert.Contains("all/index.html", names);
        Assert.Contains("site.css", names);
        Assert.Contains("sitemap.xml", names);
        Assert.Contains("robots.txt", names);
        Assert.Contains("widget/v1/gcm-resources.js", names);
        Assert.Contains("demo.html", names);
        // The app publishes no script: the widget files are the deploy's (TestApp deploys them as the deploy does), and
        // everything else is within the paths its role's condition lets it write in Azure.
        Assert.DoesNotContain(names, n => n.StartsWith("objective-", StringComparison.Ordinal) && n.EndsWith(".js", StringComparison.Ordinal));
        var deployed = app.Get<WidgetFiles>().DeployFiles(app.Layout).Select(f => f.Path).ToHashSet(StringComparer.Ordinal);
        foreach (var name in names)
        {
            var patterns = deployed.Contains(name) ? BlobLayout.DeployWritable : BlobLayout.AppWritable;
            Assert.True(patterns.Any(p => System.Text.RegularExpressions.Regex.IsMatch(name, "^" + System.Text.RegularExpressions.Regex.Escape(p).Replace("\\*", ".*", StringComparison.Ordinal) + "$")),
                $"{name} is outside {string.Join(", ", patterns)}");
        }

        foreach (var name in names)
        {
            using var response = await http.GetAsync(new Uri(container.Uri + "/" + name));
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Assert.Contains("charset=utf-8", response.Content.Headers.ContentType!.ToString(), StringComparison.Ordinal);
            // One table (MediaTypes) decides every file's type from its name, whoever wrote it.
            Assert.Equal(MediaTypes.Of(name), response.Content.Headers.ContentType!.ToString());
            var cache = response.Headers.CacheControl!.ToString();
            var immutable = System.Text.RegularExpressions.Regex.IsMatch(name, @"\.[0-9a-f]{12}\.[a-z]+$");
            Assert.Equal(immutable ? BlobPublisher.ImmutableCache : BlobPublisher.StableCache, cache);
        }

        // Blob Storage serves every URL a published file names (a publish killed midway is PublishTruthTests, in memory).
        await PublishTruthTests.AssertEveryPublishedUrlAnswersOverHttpAsync(app);
    }
}
