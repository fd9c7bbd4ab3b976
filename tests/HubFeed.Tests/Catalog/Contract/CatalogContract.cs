using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;

namespace HubFeed.Tests.Catalog.Contract;

/// <summary>
/// What every adapter of the catalog's ports must do, run against each (in memory, and Table Storage on Azurite): rows
/// read back field by field and are replaced whole; runs sort newest first and are capped alike; the change history
/// keeps its window; the page cache keys by the source's fingerprint; state writes are conditional, so a lease is
/// never held twice, an acceptance applies to the held listing only, and the index clock only moves forward.
/// </summary>
public abstract class CatalogContract
{
    private static readonly DateTimeOffset Start = new(2026, 11, 2, 9, 30, 0, TimeSpan.Zero);

    protected FakeTimeProvider Clock { get; } = new(Start);

    /// <summary>The adapter's ports, empty and isolated from every other test.</summary>
    protected abstract Task<CatalogPorts> OpenAsync();

    private static readonly SourceDefinition Source =
        new SourceRegistry(Options.Create(new SourceOptions { SourcesFile = Repo.Path("seeds", "sources.json") })).Get(11);

    private static Resource Item(int n, string? summary = "A summary", DateTimeOffset? withdrawn = null) =>
        ResourceCatalog.ResourceOf(new ListingRow($"https://migrationnetwork.un.org/resources/r-{n}", $"Title {n}", "Guidance", "guidance",
            n % 2 == 0 ? new DateOnly(2025, 3, n % 28 + 1) : null, summary, n % 3 == 0 ? null : "fr"), 11)
            with { FirstSeen = Start.AddDays(-n), LastSeen = Start, LastChanged = Start.AddHours(-n), Withdrawn = withdrawn };

    [Fact]
    public async Task Catalog_rows_read_back_field_by_field_are_replaced_whole_and_stay_in_their_source()
    {
        var ports = await OpenAsync();
        var items = Enumerable.Range(1, 250).Select(n => Item(n, withdrawn: n == 7 ? Start : null)).ToList();

        Assert.Equal(250, await ports.Catalog.WriteAsync("objective-11", items, CancellationToken.None));
        await ports.Catalog.WriteAsync("objective-12", [Item(1) with { Objective = 12 }], CancellationToken.None);
        var loaded = await ports.Catalog.LoadAsync("objective-11", 11, CancellationToken.None);
        Assert.Equal(items.OrderBy(i => i.Id, StringComparer.Ordinal), loaded);

        // A write replaces the whole row: a field the new version lacks does not survive from the old one.
        var bare = Item(5, summary: null) with { Language = null, Date = null };
        await ports.Catalog.WriteAsync("objective-11", [bare], CancellationToken.None);
        Assert.Equal(bare, (await ports.Catalog.LoadAsync("objective-11", 11, CancellationToken.None)).Single(r => r.Id == bare.Id));
        Assert.Equal(250, (await ports.Catalog.LoadAsync("objective-11", 11, CancellationToken.None)).Count);
        Assert.Equal(12, Assert.Single(await ports.Catalog.LoadAsync("objective-12", 12, CancellationToken.None)).Objective);
        Assert.Empty(await ports.Catalog.LoadAsync("objective-13", 13, CancellationToken.None));
    }

    [Fact]
    public async Task A_catalog_write_that_names_a_row_twice_is_refused()
    {
        var ports = await OpenAsync();
        await Assert.ThrowsAsync<InvalidOperationException>(() => ports.Catalog.WriteAsync("objective-11", [Item(1), Item(1, "Other")], CancellationToken.None));
    }

    [Fact]
    public async Task Runs_are_found_by_id_listed_newest_first_and_stored_capped()
    {
        var ports = await OpenAsync();
        RunRecord Run(int minutes) => new()
        {
            Id = RunLog.NewId("objective-11", Start.AddMinutes(minutes)), Source = "objective-11", Trigger = RunTrigger.Queue,
            Started = Start.AddMinutes(minutes), Ended = Start.AddMinutes(minutes + 1), Status = RunStatus.Refused, ItemsListed = 163,
            Cause = RunCause.CountDrop, Error = new string('e', 9000), Warnings = Enumerable.Range(0, 60).Select(i => $"w{i}").ToList(),
            Quarantined = Enumerable.Range(0, 120).Select(i => new QuarantinedRow(1, i, "no title", "<div>")).ToList(),
            Coverage = new FieldCoverage(10, 1, 1, 1, 0.5, 0.2, 1), AcceptedBy = "cli:ops",
        };
        var runs = new[] { Run(0), Run(10), Run(5) };
        foreach (var run in runs)
        {
            await ports.Runs.SaveAsync(run, CancellationToken.None);
        }
        await ports.Runs.SaveAsync(runs[1] with { Status = RunStatus.Succeeded, Cause = null }, CancellationToken.None);

        var found = await ports.Runs.FindAsync(runs[0].Id, CancellationToken.None);
        Assert.NotNull(found);
        Assert.Equal((runs[0].Id, "objective-11", RunTrigger.Queue, RunStatus.Refused, RunCause.CountDrop, 163, "cli:ops", runs[0].Coverage),
            (found.Id, found.Source, found.Trigger, found.Status, found.Cause, found.ItemsListed, found.AcceptedBy, found.Coverage));
        Assert.Equal((runs[0].Started, runs[0].Ended), (found.Started, found.Ended));
        Assert.Equal(8000, found.Error!.Length);
        Assert.Equal([.. Enumerable.Range(0, 50).Select(i => $"w{i}"), "... and 10 more"], found.Warnings);
        Assert.Equal(100, found.Quarantined.Count);
        Assert.Equal(runs[0].Quarantined[99], found.Quarantined[99]);

        var recent = await ports.Runs.RecentAsync("objective-11", 2, CancellationToken.None);
        Assert.Equal([runs[1].Id, runs[2].Id], recent.Select(r => r.Id));
        Assert.Equal((RunStatus.Succeeded, null), (recent[0].Status, recent[0].Cause));
        Assert.Empty(await ports.Runs.RecentAsync("objective-12", 5, CancellationToken.None));
        Assert.Null(await ports.Runs.FindAsync(RunLog.NewId("objective-11", Start), CancellationToken.None));
        Assert.Null(await ports.Runs.FindAsync("objective-11/../x", CancellationToken.None));
    }

    [Fact]
    public async Task The_change_history_reads_newest_first_up_to_a_moment_and_keeps_only_its_window()
    {
        var ports = await OpenAsync();
        ChangeEvent Change(int n, DateTimeOffset at, ChangeKind kind = ChangeKind.Changed) =>
            new("objective-11", 11, ResourceCatalog.IdFor($"u{n}"), $"https://migrationnetwork.un.org/r/{n}", $"T{n}", "guidance", "Guidance",
                n % 2 == 0 ? "fr" : null, kind, kind == ChangeKind.Changed ? ["title", "summary"] : [], at);
        var old = Change(1, Start.AddDays(-200), ChangeKind.Added);
        var events = new[] { Change(2, Start.AddDays(-2)), Change(3, Start, ChangeKind.Withdrawn), Change(4, Start.AddDays(-1)) };
        await ports.Changes.RecordAsync([old], CancellationToken.None);
        await ports.Changes.RecordAsync([], CancellationToken.None);
        await ports.Changes.RecordAsync(events, CancellationToken.None);
        // The same item at the same moment is one event: a second record replaces it.
        await ports.Changes.RecordAsync([events[2] with { Title = "T4 again" }], CancellationToken.None);

        var all = await ports.Changes.LoadAsync("objective-11", Start, CancellationToken.None);
        Assert.Equal([events[1].Id, events[2].Id, events[0].Id], all.Select(e => e.Id));
        Assert.Equal("T4 again", all[1].Title);
        Assert.Equal(events[0].Fields, all[2].Fields);
        Assert.Equal((events[1].Kind, events[1].Language, events[1].Url), (all[0].Kind, all[0].Language, all[0].Url));
        // The 200-day-old event was pruned by the later write, not merely hidden by the window.
        Assert.Empty(await ports.Changes.LoadAsync("objective-11", Start.AddDays(-150), CancellationToken.None));
        Assert.Equal([events[0].Id], (await ports.Changes.LoadAsync("objective-11", Start.AddDays(-1).AddSeconds(-1), CancellationToken.None)).Select(e => e.Id));
        Assert.Empty(await ports.Changes.LoadAsync("objective-12", Start, CancellationToken.None));
    }

    [Fact]
    public async Task The_change_history_keeps_the_newest_events_up_to_its_size()
    {
        var ports = await OpenAsync();
        var events = Enumerable.Range(0, ChangeWindow.MaxEvents + 20).Select(n =>
            new ChangeEvent("objective-11", 11, ResourceCatalog.IdFor($"u{n}"), $"https://x/{n}", $"T{n}", "guidance", "Guidance", null,
                ChangeKind.Added, [], Start.AddMinutes(-n))).ToList();
        await ports.Changes.RecordAsync(events, CancellationToken.None);

        var kept = await ports.Changes.LoadAsync("objective-11", Start, CancellationToken.None);
        Assert.Equal(events.Take(ChangeWindow.MaxEvents).Select(e => e.Id), kept.Select(e => e.Id));
        // Pruned, not hidden: a view from before the newest 20 shows no more than what is left.
        var earlier = await ports.Changes.LoadAsync("objective-11", Start.AddMinutes(-20), CancellationToken.None);
        Assert.Equal(ChangeWindow.MaxEvents - 20, earlier.Count);
    }

    [Fact]
    public async Task The_page_cache_answers_for_the_same_fingerprint_only_and_drops_a_page_too_long_to_keep()
    {
        var ports = await OpenAsync();
        static ListingPage Page(int number, int rows) => new(number, new ResultsLine(1, rows, rows),
            Enumerable.Range(0, rows).Select(n => new ListingRow($"https://migrationnetwork.un.org/resources/r-{n}", new string('t', 180), "Resource", "resource", null, null, null)).ToList(), [], []);

        await ports.Pages.SaveAsync(Source, [new CachedPage(0, "\"a\"", "Tue, 01 Dec 2026 10:00:00 GMT", Page(0, 10)), new CachedPage(1, "\"b\"", null, Page(1, 10))], CancellationToken.None);
        var loaded = await ports.Pages.LoadAsync(Source, CancellationToken.None);
        Assert.Equal([0, 1], loaded.Keys.Order());
        Assert.Equal(("\"a\"", "Tue, 01 Dec 2026 10:00:00 GMT", 10), (loaded[0].ETag, loaded[0].LastModified, loaded[0].Page.Rows.Count));
        Assert.Empty(await ports.Pages.LoadAsync(Source with { CanonicalBase = new Uri("https://mirror.example.org") }, CancellationToken.None));

        // Page 1 grows to 300 rows: its reading is ~90,000 characters, over the 32 K characters a table property holds.
        await ports.Pages.SaveAsync(Source, [new CachedPage(1, "\"c\"", null, Page(1, 300))], CancellationToken.None);
        Assert.Equal([0], (await ports.Pages.LoadAsync(Source, CancellationToken.None)).Keys);
    }

    [Fact]
    public async Task State_writes_are_conditional_on_the_version_read()
    {
        var ports = await OpenAsync();
        var first = new SourceStateRow { LastGoodRunId = "r1", LastGoodCount = 213, LastGoodAt = Start, PublishedSequence = 7, Held = new HeldRun("r0", Start, "count-drop", "why") { Fingerprint = "f" } };

        var v1 = await ports.States.TryWriteAsync("objective-11", first, null, CancellationToken.None);
        Assert.NotNull(v1);
        Assert.Null(await ports.States.TryWriteAsync("objective-11", new SourceStateRow(), null, CancellationToken.None));
        var read = await ports.States.ReadAsync("objective-11", CancellationToken.None);
        Assert.Equal((first.LastGoodRunId, first.LastGoodCount, first.LastGoodAt, first.PublishedSequence, first.Held), (read!.Value.LastGoodRunId, read.Value.LastGoodCount, read.Value.LastGoodAt, read.Value.PublishedSequence, read.Value.Held));
        Assert.Equal(v1, read.Version);

        var v2 = await ports.States.TryWriteAsync("objective-11", first with { LastGoodCount = 210 }, v1, CancellationToken.None);
        Assert.NotNull(v2);
        Assert.NotEqual(v1, v2);
        Assert.Null(await ports.States.TryWriteAsync("objective-11", first with { LastGoodCount = 1 }, v1, CancellationToken.None));
        Assert.NotNull(await ports.States.TryWriteAsync("objective-11", first with { Held = null }, RunLease.AnyVersion, CancellationToken.None));
        Assert.Null((await ports.States.ReadAsync("objective-11", CancellationToken.None))!.Value.Held);
        Assert.Null(await ports.States.ReadAsync("objective-12", CancellationToken.None));
        // "Any version" replaces a row; it never creates one.
        await Assert.ThrowsAnyAsync<Exception>(() => ports.States.TryWriteAsync("objective-12", first, RunLease.AnyVersion, CancellationToken.None));
        Assert.Null(await ports.States.ReadAsync("objective-12", CancellationToken.None));
        Assert.Equal(["objective-11"], (await ports.States.ReadAllAsync(CancellationToken.None)).Keys);
    }

    [Fact]
    public async Task A_lease_is_held_once_renewed_by_its_run_and_lost_to_another_run_once_it_expires()
    {
        var store = new SourceStateStore((await OpenAsync()).States, Clock);
        var lease = await store.AcquireAsync("objective-11", "run-a", CancellationToken.None);
        var error = await Assert.ThrowsAsync<RunInProgressException>(() => store.AcquireAsync("objective-11", "run-b", CancellationToken.None));
        Assert.Contains("run-a", error.Message, StringComparison.Ordinal);

        Clock.Advance(TimeSpan.FromMinutes(10));
        var updated = await store.UpdateAsync(lease, s => s with { CatalogHash = "h1" }, CancellationToken.None);
        Assert.Equal(Clock.GetUtcNow() + RunLease.Duration, updated.LeaseUntil);
        Clock.Advance(TimeSpan.FromMinutes(10));
        await Assert.ThrowsAsync<RunInProgressException>(() => store.AcquireAsync("objective-11", "run-b", CancellationToken.None));

        // Past the renewed lease, another run may take the source; the first run's writes are refused from then on.
        Clock.Advance(RunLease.Duration);
        var taken = await store.AcquireAsync("objective-11", "run-b", CancellationToken.None);
        Assert.Equal("h1", taken.State.CatalogHash);
        await Assert.ThrowsAsync<RunInProgressException>(() => store.UpdateAsync(lease, s => s with { CatalogHash = "h2" }, CancellationToken.None));
        await Assert.ThrowsAsync<RunInProgressException>(() => store.ReleaseAsync(lease, null, CancellationToken.None));

        await store.ReleaseAsync(taken, s => s with { LastGoodRunId = "run-b" }, CancellationToken.None);
        var state = await store.GetAsync("objective-11", CancellationToken.None);
        Assert.Equal(("run-b", null, null, "h1"), (state.LastGoodRunId, state.RunningRunId, state.LeaseUntil, state.CatalogHash));
        await store.ReleaseAsync(await store.AcquireAsync("objective-11", "run-c", CancellationToken.None), null, CancellationToken.None);
    }

    [Fact]
    public async Task An_acceptance_names_the_held_run_and_its_listing_and_is_gone_once_consumed()
    {
        var store = new SourceStateStore((await OpenAsync()).States, Clock);
        Assert.Null(await store.AcceptAsync("objective-11", "ops", CancellationToken.None));
        Assert.Null(await store.AcceptanceAsync("objective-11", CancellationToken.None));

        var held = new HeldRun("run-held", Start, "count-drop", "163 items, down from 213") { Fingerprint = "fp-163" };
        await store.ReleaseAsync(await store.AcquireAsync("objective-11", "run-held", CancellationToken.None), s => s with { Held = held }, CancellationToken.None);
        var lease = await store.AcquireAsync("objective-11", "run-next", CancellationToken.None);
        Clock.Advance(TimeSpan.FromMinutes(1));

        // Accepting while a run holds the lease does not break the version that run holds.
        var accepted = await store.AcceptAsync("objective-11", "ops", CancellationToken.None);
        Assert.Equal(("ops", "run-held", Clock.GetUtcNow()), (accepted!.By, accepted.HeldRunId, accepted.At));
        Assert.Equal(new Acceptance("ops", Clock.GetUtcNow(), "run-held", "fp-163"), await store.AcceptanceAsync("objective-11", CancellationToken.None));
        await store.UpdateAsync(lease, s => s with { Held = null }, CancellationToken.None);

        await store.ConsumeAcceptanceAsync("objective-11", CancellationToken.None);
        Assert.Null(await store.AcceptanceAsync("objective-11", CancellationToken.None));
        await store.ConsumeAcceptanceAsync("objective-11", CancellationToken.None);
        await store.ReleaseAsync(lease, null, CancellationToken.None);
    }

    [Fact]
    public async Task The_index_clock_only_moves_forward()
    {
        var store = new SourceStateStore((await OpenAsync()).States, Clock);
        Assert.Null(await store.LatestIndexRequestAsync(CancellationToken.None));
        await store.RecordIndexRequestAsync(Start, CancellationToken.None);
        await store.RecordIndexRequestAsync(Start.AddMinutes(-5), CancellationToken.None);
        Assert.Equal(Start, await store.LatestIndexRequestAsync(CancellationToken.None));
        await store.RecordIndexRequestAsync(Start.AddSeconds(1), CancellationToken.None);
        Assert.Equal(Start.AddSeconds(1), await store.LatestIndexRequestAsync(CancellationToken.None));
        Assert.Empty(await store.AllAsync(CancellationToken.None));
    }
}
