using HubFeed.Cli;
using HubFeed.Functions;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Extensions.Logging.Abstractions;

namespace HubFeed.Tests.Functions;

/// <summary>
/// The function classes on the in-memory storage (catalog, published files, run queue: adapters held to the same
/// contracts as the Azure ones), with the run queue processed as the Functions host would (<see cref="LocalQueueWorker"/>:
/// the real queue function per message, retries, the poison queue after 5 attempts); health with its storage away.
/// </summary>
public sealed class FunctionTests
{
    /// <summary>Both snapshot objectives enabled, run requests retried at once.</summary>
    private static readonly Dictionary<string, string?> TwoObjectives = new() { ["HubFeed:Source:Objectives"] = "11,12" };

    public static LocalQueueWorker Worker(TestApp app, int concurrency = 1) =>
        new(app.Services, concurrency, TimeSpan.Zero, NullLogger<LocalQueueWorker>.Instance);

    [Fact]
    public async Task The_timer_enqueues_one_run_per_objective_and_the_queue_function_publishes_both_and_the_index()
    {
        await using var app = await TestApp.StartInMemoryAsync(TwoObjectives);
        var runs = ActivatorUtilities.CreateInstance<RunFunctions>(app.Services);

        await runs.RunOnSchedule(new TimerInfo { IsPastDue = true }, CancellationToken.None);
        var queued = (await app.Get<IRunMessages>().PeekAsync(10, CancellationToken.None)).Select(m => RunRequest.FromJson(m)!).ToList();
        Assert.Equal([11, 12], queued.Select(r => r.Objective).Order());
        Assert.All(queued, r => Assert.Equal(RunTrigger.Timer, r.Trigger));
        // The two runs, then the index request each publish left behind (the second finds the index current).
        Assert.Equal(4, await Worker(app).DrainAsync(CancellationToken.None));

        foreach (var (source, items) in new[] { ("objective-11", 213), ("objective-12", 28) })
        {
            var run = Assert.Single(await app.Get<IRunLog>().RecentAsync(source, 5, CancellationToken.None));
            Assert.Equal((RunTrigger.Queue, RunStatus.Succeeded, items), (run.Trigger, run.Status, run.ItemsActive));
            Assert.Contains(queued, q => q.RunId == run.Id);
        }
        var index = JsonDocument.Parse(await app.PublishedTextAsync(app.Layout.Url(BlobLayout.IndexJson))).RootElement;
        Assert.Equal([11, 12], index.GetProperty("objectives").EnumerateArray().Select(o => o.GetProperty("objective").GetInt32()));
        Assert.Equal([213, 28], index.GetProperty("objectives").EnumerateArray().Select(o => o.GetProperty("items").GetInt32()));
        // The combined feed: every item once (four serve both objectives), each with the objectives it serves.
        var all = JsonDocument.Parse(await app.PublishedTextAsync(app.Layout.Url("all/feed.json"))).RootElement;
        Assert.Equal(213 + 28 - 4, all.GetProperty("_gcm").GetProperty("total").GetInt32());
        var both = all.GetProperty("items").EnumerateArray().Where(i => i.GetProperty("_gcm").GetProperty("objectives").GetArrayLength() == 2).ToList();
        Assert.Equal(4, both.Count);
        Assert.All(both, i => Assert.Equal([11, 12], i.GetProperty("_gcm").GetProperty("objectives").EnumerateArray().Select(o => o.GetInt32())));
    }

    [Fact]
    public async Task The_run_api_answers_202_with_a_run_url_and_the_run_status_api_follows_the_run()
    {
        await using var app = await TestApp.StartInMemoryAsync();
        var runs = ActivatorUtilities.CreateInstance<RunFunctions>(app.Services);

        var post = Request("POST", "/api/objectives/11/run");
        var (status, json, response) = await Render(await runs.RunObjectiveNow(post, "11", CancellationToken.None), post);
        Assert.Equal(202, status);
        var url = json.GetProperty("runs")[0].GetProperty("url").GetString()!;
        Assert.Equal(url, response.Headers.Location.ToString());
        Assert.StartsWith("http://127.0.0.1:7071/api/runs/objective-11.", url, StringComparison.Ordinal);
        var id = Uri.UnescapeDataString(url[(url.LastIndexOf('/') + 1)..]);

        var queued = await GetRunAsync(runs, id);
        Assert.Equal("queued", queued.GetProperty("status").GetString());
        await Worker(app).DrainAsync(CancellationToken.None);
        var done = await GetRunAsync(runs, id);
        Assert.Equal(("succeeded", "queue", 213), (done.GetProperty("status").GetString(), done.GetProperty("trigger").GetString(), done.GetProperty("itemsActive").GetInt32()));
        Assert.Matches("^1-[0-9a-f]{12}$", done.GetProperty("version").GetString());

        var unknown = Request("GET", "/api/runs/objective-11.0000000000000000000-nope");
        Assert.Equal(404, (await Render(await runs.GetRun(unknown, "objective-11.0000000000000000000-nope", CancellationToken.None), unknown)).Status);
        var notEnabled = Request("POST", "/api/objectives/12/run");
        Assert.Equal(404, (await Render(await runs.RunObjectiveNow(notEnabled, "12", CancellationToken.None), notEnabled)).Status);
    }

    [Fact]
    public async Task A_run_request_that_fails_five_times_goes_to_the_poison_queue_and_health_reports_it()
    {
        await using var app = await TestApp.StartInMemoryAsync(new Dictionary<string, string?> { ["HubFeed:Source:MaxRetries"] = "0" });
        var queue = app.Get<RunQueue>();
        // The Hub answers 503 to everything: each attempt fails, and the host tries again.
        var attempts = 0;
        app.Snapshot.Fault = async (context, term, page) =>
        {
            Interlocked.Increment(ref attempts);
            context.Response.StatusCode = 503;
            await context.Response.WriteAsync("down");
            return true;
        };
        var run = await queue.EnqueueAsync(app.Get<HubFeed.Sources.SourceRegistry>().Get(11), RunTrigger.Http, CancellationToken.None);
        await Worker(app).DrainAsync(CancellationToken.None);

        Assert.Equal(RunQueue.MaxDequeueCount, attempts);
        var poisoned = await app.Get<IRunMessages>().PoisonedAsync(10, CancellationToken.None);
        Assert.Equal(run.Id, RunRequest.FromJson(Assert.Single(poisoned.Messages))!.RunId);
        Assert.Equal(1, poisoned.Count);
        Assert.Equal(0, await app.Get<IRunMessages>().WaitingAsync(CancellationToken.None));
        var recorded = await app.Get<IRunLog>().FindAsync(run.Id, CancellationToken.None);
        Assert.Equal((RunStatus.Failed, (RunCause?)RunCause.SourceUnavailable), (recorded!.Status, recorded.Cause));

        var health = ActivatorUtilities.CreateInstance<HealthFunction>(app.Services);
        var (status, json, _) = await Render(await health.Health(Request("GET", "/api/health"), CancellationToken.None));
        Assert.Equal(503, status);
        Assert.Equal(1, json.GetProperty("poisoned").GetProperty("count").GetInt32());
        Assert.Contains(run.Id, json.GetProperty("poisoned").GetProperty("messages")[0].GetString(), StringComparison.Ordinal);
        // Anonymous health says why in HubFeed's words, without the error's text.
        var last = json.GetProperty("sources")[0].GetProperty("lastRun");
        Assert.Equal("the Hub could not be reached", last.GetProperty("reason").GetString());
        Assert.False(last.TryGetProperty("detail", out _));
        Assert.DoesNotContain("127.0.0.1", json.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Health_shows_the_poison_queues_count_and_at_most_ten_bodies_of_at_most_200_characters()
    {
        // What ops read stays short whatever was poisoned: the count is all of them, the bodies a cut peek.
        await using var app = await TestApp.StartInMemoryAsync();
        var messages = app.Get<IRunMessages>();
        for (var i = 0; i < 12; i++)
        {
            await messages.SendAsync($"{i:00}" + new string('x', 300), TimeSpan.Zero, CancellationToken.None);
        }
        foreach (var message in await messages.ReceiveAsync(32, TimeSpan.FromMinutes(1), CancellationToken.None))
        {
            Assert.True(await messages.PoisonAsync(message, CancellationToken.None));
        }

        var poisoned = (await app.Get<HealthService>().GetAsync(5, false, CancellationToken.None)).Poisoned;

        Assert.Equal(12, poisoned.Count);
        Assert.Equal(Enumerable.Range(0, 10).Select(i => $"{i:00}" + new string('x', 198)), poisoned.Messages);
    }

    [Fact]
    public async Task A_message_that_is_not_a_run_request_is_poisoned_and_a_refused_run_is_not_retried()
    {
        await using var app = await TestApp.StartInMemoryAsync();
        var runs = ActivatorUtilities.CreateInstance<RunFunctions>(app.Services);
        await Assert.ThrowsAsync<InvalidOperationException>(() => runs.RunObjective("{\"not\":\"a run\"}", CancellationToken.None));
        await Assert.ThrowsAsync<InvalidOperationException>(() => runs.RunObjective(new RunRequest(99, "x.1", RunTrigger.Http).ToJson(), CancellationToken.None));

        // A guard's refusal is final until an operator accepts: the message completes, no retry.
        app.Snapshot.Pages.Clear();
        foreach (var (key, html) in HubFeed.Tests.Faults.Listing.Render(HubFeed.Tests.Faults.Listing.Rows))
        {
            app.Snapshot.Pages[key] = html;
        }
        var good = await app.Get<RunQueue>().EnqueueAsync(app.Get<HubFeed.Sources.SourceRegistry>().Get(11), RunTrigger.Http, CancellationToken.None);
        await runs.RunObjective(new RunRequest(11, good.Id, RunTrigger.Http).ToJson(), CancellationToken.None);
        foreach (var (key, html) in HubFeed.Tests.Faults.Listing.Render(HubFeed.Tests.Faults.Listing.Rows.Take(100).ToList()))
        {
            app.Snapshot.Pages[key] = html;
        }
        foreach (var key in app.Snapshot.Pages.Keys.Where(k => k.Page >= 10).ToList())
        {
            app.Snapshot.Pages.TryRemove(key, out _);
        }
        await runs.RunObjective(new RunRequest(11, RunLog.NewId("objective-11", DateTimeOffset.UtcNow), RunTrigger.Http).ToJson(), CancellationToken.None);
        var last = (await app.Get<IRunLog>().RecentAsync("objective-11", 1, CancellationToken.None))[0];
        Assert.Equal((RunStatus.Refused, (RunCause?)RunCause.CountDrop), (last.Status, last.Cause));
    }

    [Fact]
    public async Task Of_the_index_requests_a_fan_out_leaves_only_the_last_one_rebuilds_the_index()
    {
        await using var app = await TestApp.StartInMemoryAsync();
        var queue = app.Get<RunQueue>();
        await queue.EnqueueIndexAsync(TimeSpan.Zero, CancellationToken.None);
        await Task.Delay(5);
        await queue.EnqueueIndexAsync(TimeSpan.Zero, CancellationToken.None);
        var requests = (await app.Get<IRunMessages>().PeekAsync(10, CancellationToken.None)).Select(m => RunRequest.FromJson(m)!).ToList();
        Assert.Equal(2, requests.Count);
        Assert.All(requests, r => Assert.True(r.Index));
        Assert.False(await queue.IsLatestAsync(requests[0], CancellationToken.None));
        Assert.True(await queue.IsLatestAsync(requests[1], CancellationToken.None));
    }

    [Fact]
    public async Task Health_is_503_before_any_run_and_200_after_one()
    {
        await using var app = await TestApp.StartInMemoryAsync();
        var health = ActivatorUtilities.CreateInstance<HealthFunction>(app.Services);
        Assert.Equal(503, (await Render(await health.Health(Request("GET", "/api/health"), CancellationToken.None))).Status);
        Assert.True((await app.Get<HubFeedRunner>().RunAsync(RunTrigger.Cli, CancellationToken.None)).Succeeded);
        var (status, json, _) = await Render(await health.Health(Request("GET", "/api/health"), CancellationToken.None));
        Assert.Equal(200, status);
        var source = json.GetProperty("sources")[0];
        Assert.Equal(213, source.GetProperty("publishedItems").GetInt32());
        Assert.False(source.GetProperty("publishPending").GetBoolean());
        Assert.Equal("succeeded", source.GetProperty("lastRun").GetProperty("status").GetString());
    }

    [Fact]
    public async Task Api_links_start_with_the_configured_public_root_whatever_the_host_header_says()
    {
        await using var app = await TestApp.StartInMemoryAsync(new Dictionary<string, string?> { ["HubFeed:Api:PublicBaseUrl"] = "https://api.hubfeed.example/gcm/" });
        var runs = ActivatorUtilities.CreateInstance<RunFunctions>(app.Services);
        var post = Request("POST", "/api/objectives/11/run");
        post.Host = new HostString("evil.example");
        var (_, json, response) = await Render(await runs.RunObjectiveNow(post, "11", CancellationToken.None), post);
        Assert.StartsWith("https://api.hubfeed.example/gcm/api/runs/objective-11.", response.Headers.Location.ToString(), StringComparison.Ordinal);
        Assert.Equal(response.Headers.Location.ToString(), json.GetProperty("runs")[0].GetProperty("url").GetString());

        Assert.True((await app.Get<HubFeedRunner>().RunAsync(RunTrigger.Cli, CancellationToken.None)).Succeeded);
        var get = Request("GET", "/api/objectives/11/resources");
        get.Host = new HostString("evil.example");
        get.QueryString = new QueryString("?limit=3");
        var resources = ActivatorUtilities.CreateInstance<ResourceFunctions>(app.Services);
        var page = await Render(await resources.Resources(get, "11", CancellationToken.None), get);
        var feed = JsonDocument.Parse(Body(page.Response)).RootElement;
        Assert.Equal("https://api.hubfeed.example/gcm/api/objectives/11/resources?limit=3", feed.GetProperty("feed_url").GetString());
        Assert.StartsWith("https://api.hubfeed.example/gcm/api/objectives/11/resources?limit=3&cursor=", feed.GetProperty("next_url").GetString(), StringComparison.Ordinal);
        Assert.DoesNotContain("evil.example", Body(page.Response), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Health_answers_503_within_five_seconds_when_storage_is_away()
    {
        // The Azure adapters on a storage account no one answers for: no Azurite needed to be away.
        await using var gone = await TestApp.StartStorageAwayAsync();
        var health = ActivatorUtilities.CreateInstance<HealthFunction>(gone.Services);
        var clock = System.Diagnostics.Stopwatch.StartNew();
        var (status, json, _) = await Render(await health.Health(Request("GET", "/api/health"), CancellationToken.None));
        var elapsed = clock.Elapsed;
        Console.WriteLine($"GET /api/health with storage away: {status} in {elapsed.TotalSeconds:0.0} s");
        Assert.Equal(503, status);
        Assert.Equal("Storage unavailable", json.GetProperty("title").GetString());
        Assert.True(elapsed < TimeSpan.FromSeconds(10), $"{elapsed.TotalSeconds:0.0} s");
    }

    [Fact]
    public async Task Health_shares_one_report_for_a_few_seconds()
    {
        // Cached: a run that succeeds within the cache's time does not show until it expires.
        await using var app = await TestApp.StartInMemoryAsync(new Dictionary<string, string?> { ["HubFeed:Health:CacheFor"] = "00:01:00" });
        var cached = ActivatorUtilities.CreateInstance<HealthFunction>(app.Services);
        Assert.Equal(503, (await Render(await cached.Health(Request("GET", "/api/health"), CancellationToken.None))).Status);
        Assert.True((await app.Get<HubFeedRunner>().RunAsync(RunTrigger.Cli, CancellationToken.None)).Succeeded);
        Assert.Equal(503, (await Render(await cached.Health(Request("GET", "/api/health"), CancellationToken.None))).Status);
        Assert.Equal(HealthStatus.Healthy, (await app.Get<HealthService>().GetAsync(5, false, CancellationToken.None)).Status);
    }

    [Fact]
    public void The_schedule_comes_from_an_app_setting_never_runs_on_startup_and_the_queue_trigger_matches_host_json()
    {
        var parameter = typeof(RunFunctions).GetMethod(nameof(RunFunctions.RunOnSchedule))!.GetParameters()[0];
        var trigger = (TimerTriggerAttribute)parameter.GetCustomAttributes(typeof(TimerTriggerAttribute), false).Single();
        Assert.Equal("%HubFeedSchedule%", trigger.Schedule);
        Assert.False(trigger.RunOnStartup);
        var queue = (QueueTriggerAttribute)typeof(RunFunctions).GetMethod(nameof(RunFunctions.RunObjective))!.GetParameters()[0]
            .GetCustomAttributes(typeof(QueueTriggerAttribute), false).Single();
        Assert.Equal((RunQueue.Name, "HubFeedStorage"), (queue.QueueName, queue.Connection));
        var host = JsonDocument.Parse(File.ReadAllText(Repo.Path("host.json"))).RootElement.GetProperty("extensions").GetProperty("queues");
        Assert.Equal(RunQueue.MaxDequeueCount, host.GetProperty("maxDequeueCount").GetInt32());
        Assert.Equal("base64", host.GetProperty("messageEncoding").GetString());
    }

    private static async Task<JsonElement> GetRunAsync(RunFunctions runs, string id)
    {
        var request = Request("GET", "/api/runs/" + id);
        var (status, json, _) = await Render(await runs.GetRun(request, id, CancellationToken.None), request);
        Assert.Equal(200, status);
        return json;
    }

    public static HttpRequest Request(string method, string path)
    {
        var context = new DefaultHttpContext();
        context.Request.Method = method;
        context.Request.Scheme = "http";
        context.Request.Host = new HostString("127.0.0.1", 7071);
        context.Request.Path = path;
        return context.Request;
    }

    /// <summary>The body of a rendered response (<see cref="Render"/> leaves it readable).</summary>
    public static string Body(HttpResponse response)
    {
        response.Body.Position = 0;
        return new StreamReader(response.Body).ReadToEnd();
    }

    public static async Task<(int Status, JsonElement Json, HttpResponse Response)> Render(IActionResult result, HttpRequest? request = null)
    {
        var context = request?.HttpContext ?? new DefaultHttpContext();
        context.RequestServices = new ServiceCollection().AddLogging().AddMvcCore().Services.BuildServiceProvider();
        context.Response.Body = new MemoryStream();
        await result.ExecuteResultAsync(new ActionContext(context, new Microsoft.AspNetCore.Routing.RouteData(), new Microsoft.AspNetCore.Mvc.Abstractions.ActionDescriptor()));
        context.Response.Body.Position = 0;
        var body = await new StreamReader(context.Response.Body).ReadToEndAsync();
        var json = body.Length > 0 && (context.Response.ContentType ?? "").Contains("json", StringComparison.Ordinal) ? JsonDocument.Parse(body).RootElement.Clone() : default;
        return (context.Response.StatusCode, json, context.Response);
    }
}
