namespace HubFeed.Tests.Infrastructure;

/// <summary>
/// The system clock, moved forward on demand: for a test that needs time to pass between two runs (the feeds' times
/// are to the second) without waiting for it. Timers and delays still run on the system clock, so retries, timeouts
/// and the polite spacing between requests behave as they do in production (a FakeTimeProvider's delays wait for an
/// Advance, so a run's spacing between requests would hang on it).
/// </summary>
public sealed class ShiftedClock : TimeProvider
{
    private long _shiftTicks;

    public override DateTimeOffset GetUtcNow() => TimeProvider.System.GetUtcNow() + TimeSpan.FromTicks(Interlocked.Read(ref _shiftTicks));

    public void Advance(TimeSpan by) => Interlocked.Add(ref _shiftTicks, by.Ticks);

    /// <summary>The app's clock, registered after AddHubFeed's system clock so every service reads this one.</summary>
    public void Register(IServiceCollection services) => services.AddSingleton<TimeProvider>(this);
}
