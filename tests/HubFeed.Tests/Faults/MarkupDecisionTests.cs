using HubFeed.Tests.Sources;

namespace HubFeed.Tests.Faults;

/// <summary>
/// A field gone from every row is refused by the coverage guard, on the in-memory catalog (no storage account; the run
/// ingests only): nothing written, the guard named in the source state. That a refused run leaves the feed as it was is
/// shown on Azurite (<see cref="MarkupChangeTests"/>, <see cref="GuardTests"/>).
/// </summary>
public sealed class MarkupDecisionTests
{
    [Fact]
    public async Task Dates_gone_from_every_row_refuse_the_run_naming_the_field_and_a_page()
    {
        await using var rig = await FaultRig.StartInMemoryAsync();
        await rig.RunGoodAsync();
        var rows = FaultRig.Versions(await rig.RowsAsync());

        // A template change drops the date field from every row: rows are still found, but 93 % of dates become 0 %.
        MarkupChangeTests.Serve(rig, MarkupVariants.Snapshot.ToDictionary(kv => kv.Key, kv =>
            System.Text.RegularExpressions.Regex.Replace(kv.Value, @"<div class=""views-field views-field-created"">.*?</div>", "", System.Text.RegularExpressions.RegexOptions.Singleline)));
        var run = (await rig.RunAsync()).Run;

        Assert.Equal((RunStatus.Refused, (RunCause?)RunCause.Coverage), (run.Status, run.Cause));
        Assert.Contains("The date went missing", run.Error, StringComparison.Ordinal);
        Assert.Contains("0% of rows", run.Error, StringComparison.Ordinal);
        Assert.Matches(@"on page \d+", run.Error);
        Assert.Equal(0, run.Coverage!.Date);
        Assert.Equal(rows, FaultRig.Versions(await rig.RowsAsync()));
        Assert.Equal("coverage", (await rig.StateAsync()).Held?.Guard);
    }

    [Fact]
    public async Task A_type_label_replaced_by_an_icon_link_on_every_row_is_refused_not_published()
    {
        await using var rig = await FaultRig.StartInMemoryAsync();
        await rig.RunGoodAsync();
        var rows = FaultRig.Versions(await rig.RowsAsync());

        // The type field becomes an unlabelled icon: the reader can no longer see any type.
        MarkupChangeTests.Serve(rig, MarkupVariants.Snapshot.ToDictionary(kv => kv.Key, kv =>
            System.Text.RegularExpressions.Regex.Replace(kv.Value, @"(views-field-type""><span class=""field-content"">)[^<]*(</span>)", "$1<i class=\"icon\"></i>$2")));
        var run = (await rig.RunAsync()).Run;

        Assert.Equal((RunStatus.Refused, (RunCause?)RunCause.Coverage), (run.Status, run.Cause));
        Assert.Contains("The type went missing", run.Error, StringComparison.Ordinal);
        Assert.Equal(rows, FaultRig.Versions(await rig.RowsAsync()));
    }
}
