using System.Text.Json;
using HubFeed.Catalog;
using HubFeed.Functions;
using HubFeed.Tests.Infrastructure;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Extensions.DependencyInjection;

namespace HubFeed.Tests.Functions;

[Collection(AzuriteCollection.Name)]
public sealed class FunctionTests(AzuriteFixture fixture)
{
    [Fact]
    public async Task Health_is_503_before_any_run_and_200_after_the_http_run()
    {
        await using var app = await TestApp.StartAsync(fixture.Azurite);
        var health = ActivatorUtilities.CreateInstance<HealthFunction>(app.Services);
        var runs = ActivatorUtilities.CreateInstance<RunFunctions>(app.Services);

        var before = await Render(await health.Health(NewRequest("GET"), CancellationToken.None));
        Assert.Equal(503, before.Status);

        var run = await Render(await runs.RunNow(NewRequest("POST"), CancellationToken.None));
        Assert.Equal(200, run.Status);
        var source = run.Json.GetProperty("sources")[0].GetProperty("run");
        Assert.Equal("succeeded", source.GetProperty("status").GetString());
        Assert.Equal("http", source.GetProperty("trigger").GetString());
        Assert.Equal(213, source.GetProperty("itemsActive").GetInt32());

        var after = await Render(await health.Health(NewRequest("GET"), CancellationToken.None));
        Assert.Equal(200, after.Status);
        var last = after.Json.GetProperty("sources")[0].GetProperty("lastRun");
        Assert.Equal("succeeded", last.GetProperty("status").GetString());
        Assert.Equal(213, last.GetProperty("itemsListed").GetInt32());
        Assert.True(last.TryGetProperty("ended", out _));
    }

    [Fact]
    public async Task The_timer_runs_ingest_and_publish_and_records_the_run()
    {
        await using var app = await TestApp.StartAsync(fixture.Azurite);
        var runs = ActivatorUtilities.CreateInstance<RunFunctions>(app.Services);
        await runs.RunOnSchedule(new TimerInfo { IsPastDue = true }, CancellationToken.None);

        var recorded = await app.Get<RunLog>().RecentAsync("objective-11", 5, CancellationToken.None);
        var run = Assert.Single(recorded);
        Assert.Equal((RunTrigger.Timer, RunStatus.Succeeded, 213), (run.Trigger, run.Status, run.ItemsNew));
        Assert.True(run.BlobsUploaded > 0);
    }

    [Fact]
    public void The_timer_schedule_comes_from_an_app_setting_and_never_runs_on_startup()
    {
        var parameter = typeof(RunFunctions).GetMethod(nameof(RunFunctions.RunOnSchedule))!.GetParameters()[0];
        var trigger = (TimerTriggerAttribute)parameter.GetCustomAttributes(typeof(TimerTriggerAttribute), false).Single();
        Assert.Equal("%HubFeedSchedule%", trigger.Schedule);
        Assert.False(trigger.RunOnStartup);
    }

    private static HttpRequest NewRequest(string method)
    {
        var context = new DefaultHttpContext();
        context.Request.Method = method;
        return context.Request;
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
