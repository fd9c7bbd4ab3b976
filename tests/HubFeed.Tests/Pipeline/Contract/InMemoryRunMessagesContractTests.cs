using HubFeed.Pipeline.InMemory;
using Microsoft.Extensions.Time.Testing;

namespace HubFeed.Tests.Pipeline.Contract;

/// <summary>The run queue contract on the in-memory adapter (what the Functions, serve and concurrency tests queue on), its time on a fake clock.</summary>
public sealed class InMemoryRunMessagesContractTests : RunMessagesContract
{
    private readonly FakeTimeProvider _clock = new();

    protected override IRunMessages Open() => new InMemoryRunMessages(_clock);

    protected override Task PassAsync(TimeSpan time)
    {
        _clock.Advance(time);
        return Task.CompletedTask;
    }
}
