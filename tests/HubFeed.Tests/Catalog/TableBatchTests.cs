using Azure.Data.Tables;
using HubFeed.Catalog.Azure;

namespace HubFeed.Tests.Catalog;

public sealed class TableBatchTests
{
    [Fact]
    public void Rows_are_split_by_partition_and_into_batches_of_at_most_100()
    {
        var rows = Enumerable.Range(0, 250).Select(i => (ITableEntity)new TableEntity("a", $"r{i}"))
            .Concat(Enumerable.Range(0, 30).Select(i => new TableEntity("b", $"r{i}")));
        var plan = TableBatch.Plan(rows);
        Assert.Equal([100, 100, 50, 30], plan.Select(b => b.Count));
        Assert.All(plan, b => Assert.Single(b.Select(e => e.PartitionKey).Distinct()));
    }

    [Fact]
    public void A_batch_spanning_two_partitions_is_refused_in_code()
    {
        // Azurite would accept it; Azure would not.
        var e = Assert.Throws<InvalidOperationException>(() => TableBatch.Guard([new TableEntity("a", "1"), new TableEntity("b", "1")]));
        Assert.Contains("one partition", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_row_twice_in_one_write_is_refused() =>
        Assert.Throws<InvalidOperationException>(() => TableBatch.Plan([new TableEntity("a", "1"), new TableEntity("a", "1")]));

    [Fact]
    public void More_than_100_actions_are_refused() =>
        Assert.Throws<InvalidOperationException>(() => TableBatch.Guard(Enumerable.Range(0, 101).Select(i => (ITableEntity)new TableEntity("a", $"{i}")).ToList()));
}
