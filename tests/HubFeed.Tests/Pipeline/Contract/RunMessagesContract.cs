namespace HubFeed.Tests.Pipeline.Contract;

/// <summary>
/// What every adapter of the run queue's messages must do, run against each (in memory, and Azure Queues on Azurite):
/// a received message is leased (hidden, its attempt counted, a receipt naming the lease), a retry makes it visible
/// again after its delay, a poison copies it to the poison queue and deletes it, and a receipt goes stale once the
/// message is updated, taken again or deleted; a delayed message stays hidden until it is due but counts as waiting.
/// </summary>
public abstract class RunMessagesContract
{
    private static readonly TimeSpan Lease = TimeSpan.FromMinutes(1);
    private static readonly CancellationToken Ct = CancellationToken.None;

    /// <summary>The adapter, on queues of its own that do not exist yet.</summary>
    protected abstract IRunMessages Open();

    /// <summary>Lets <paramref name="time"/> pass on the adapter's clock.</summary>
    protected abstract Task PassAsync(TimeSpan time);

    [Fact]
    public async Task A_message_is_leased_retried_with_its_attempts_counted_poisoned_and_deleted_and_a_stale_receipt_changes_nothing()
    {
        var queue = Open();
        var none = await queue.PoisonedAsync(10, Ct); // no poison queue yet: none
        Assert.Equal((0, 0), (none.Count, none.Messages.Count));
        await queue.EnsureAsync(Ct);
        await queue.EnsureAsync(Ct);
        await queue.SendAsync("{\"run\":1}", TimeSpan.Zero, Ct);
        await queue.SendAsync("{\"run\":2}", TimeSpan.Zero, Ct);

        var one = Assert.Single(await queue.ReceiveAsync(1, Lease, Ct));
        Assert.Equal(("{\"run\":1}", 1L), (one.Body, one.DequeueCount));
        var two = Assert.Single(await queue.ReceiveAsync(5, Lease, Ct));
        Assert.Equal("{\"run\":2}", two.Body);
        // Both leased: hidden from receivers and peeks, still waiting.
        Assert.Empty(await queue.ReceiveAsync(5, Lease, Ct));
        Assert.Empty(await queue.PeekAsync(5, Ct));
        Assert.Equal(2, await queue.WaitingAsync(Ct));

        Assert.True(await queue.RetryLaterAsync(one, TimeSpan.Zero, Ct));
        Assert.False(await queue.DeleteAsync(one, Ct)); // the retry gave the message a new lease: this receipt is stale
        Assert.Equal(["{\"run\":1}"], await queue.PeekAsync(5, Ct));
        var again = Assert.Single(await queue.ReceiveAsync(5, Lease, Ct));
        Assert.Equal((one.Id, "{\"run\":1}", 2L), (again.Id, again.Body, again.DequeueCount));
        Assert.NotEqual(one.Receipt, again.Receipt);
        Assert.False(await queue.RetryLaterAsync(one, TimeSpan.Zero, Ct));

        Assert.True(await queue.PoisonAsync(again, Ct));
        var poisoned = await queue.PoisonedAsync(10, Ct);
        Assert.Equal(1, poisoned.Count);
        Assert.Equal(["{\"run\":1}"], poisoned.Messages);
        Assert.False(await queue.DeleteAsync(again, Ct));

        Assert.True(await queue.DeleteAsync(two, Ct));
        Assert.False(await queue.DeleteAsync(two, Ct));
        Assert.False(await queue.RetryLaterAsync(two, TimeSpan.Zero, Ct));
        Assert.Equal(0, await queue.WaitingAsync(Ct));
        Assert.Empty(await queue.ReceiveAsync(5, Lease, Ct));
        Assert.Equal(1, (await queue.PoisonedAsync(10, Ct)).Count); // a peek: the poison queue keeps it for ops
    }

    [Fact]
    public async Task A_delayed_message_waits_hidden_until_due_and_a_lease_that_runs_out_lets_it_be_taken_again()
    {
        var queue = Open();
        await queue.EnsureAsync(Ct);
        await queue.SendAsync("later", TimeSpan.FromSeconds(1), Ct);
        await queue.SendAsync("now", TimeSpan.Zero, Ct);
        Assert.Equal(["now"], await queue.PeekAsync(10, Ct));
        Assert.Equal(2, await queue.WaitingAsync(Ct));
        var now = Assert.Single(await queue.ReceiveAsync(10, Lease, Ct));
        Assert.Equal("now", now.Body);
        Assert.Empty(await queue.ReceiveAsync(10, Lease, Ct));

        await PassAsync(TimeSpan.FromSeconds(1));
        Assert.Equal(["later"], await queue.PeekAsync(10, Ct));
        var first = Assert.Single(await queue.ReceiveAsync(10, TimeSpan.FromSeconds(1), Ct));
        Assert.Equal(("later", 1L), (first.Body, first.DequeueCount));
        Assert.Empty(await queue.PeekAsync(10, Ct));

        await PassAsync(TimeSpan.FromSeconds(1)); // the lease runs out (the worker died): the message is back
        var second = Assert.Single(await queue.ReceiveAsync(10, Lease, Ct));
        Assert.Equal((first.Id, "later", 2L), (second.Id, second.Body, second.DequeueCount));
        Assert.False(await queue.DeleteAsync(first, Ct));
        Assert.True(await queue.DeleteAsync(second, Ct));
        Assert.True(await queue.DeleteAsync(now, Ct));
        Assert.Equal(0, await queue.WaitingAsync(Ct));
    }
}
