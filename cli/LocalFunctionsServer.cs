using System.Reflection;
using System.Security.Cryptography;
using HubFeed.Functions;
using HubFeed.Functions.Http;
using HubFeed.Hosting;
using HubFeed.Serving;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Abstractions;
using Microsoft.AspNetCore.Routing;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace HubFeed.Cli;

/// <summary>One HTTP function as its attributes declare it.</summary>
public sealed record FunctionRoute(string Name, string Route, IReadOnlyList<string> Methods, AuthorizationLevel Level, MethodInfo Method);

/// <summary>
/// Serves the Function app's HTTP functions on 127.0.0.1 under /api as Azure does, calling the real function classes:
/// routes, methods and authorization levels are read from their attributes (nothing is declared twice), function-level
/// routes need the function key (x-functions-key header or ?code=), every answer carries the worker's API headers
/// (nosniff; CORS on the public reads, whose preflights the functions answer), storage failures become the same problems the
/// worker middleware gives, and the run queue is processed as the host would (<see cref="LocalQueueWorker"/>).
/// (The Functions host cannot run here; this is local parity, not a replacement for it.)
/// </summary>
public static class LocalFunctionsServer
{
    public static IReadOnlyList<FunctionRoute> Discover(Assembly functions) =>
        functions.GetTypes()
            .SelectMany(t => t.GetMethods(BindingFlags.Public | BindingFlags.Instance))
            .Select(m => (Method: m, Function: m.GetCustomAttribute<FunctionAttribute>(),
                Trigger: m.GetParameters().Select(p => p.GetCustomAttribute<HttpTriggerAttribute>()).FirstOrDefault(a => a is not null)))
            .Where(x => x.Function is not null && x.Trigger is not null)
            .Select(x => new FunctionRoute(x.Function!.Name, "api/" + (x.Trigger!.Route ?? x.Function.Name),
                (x.Trigger.Methods ?? ["get", "post"]).Select(v => v.ToUpperInvariant()).ToList(), x.Trigger.AuthLevel, x.Method))
            .ToList();

    /// <summary>A new random function key (the Functions host's keys are random too).</summary>
    public static string NewKey() => Convert.ToBase64String(RandomNumberGenerator.GetBytes(30)).Replace('+', '-').Replace('/', '_');

    /// <param name="services">Changes to the services after AddHubFeed (tests: the in-memory storage).</param>
    public static WebApplication Build(int port, Action<IConfigurationBuilder> configure, bool verbose, string key, int queueConcurrency = 1,
        Action<IServiceCollection>? services = null)
    {
        var builder = WebApplication.CreateSlimBuilder();
        configure(builder.Configuration);
        // The links the API gives out name this server, unless a public root is configured (a proxy in front).
        if (builder.Configuration[$"{ApiOptions.Section}:PublicBaseUrl"] is null)
        {
            builder.Configuration.AddInMemoryCollection([new($"{ApiOptions.Section}:PublicBaseUrl", $"http://127.0.0.1:{port}")]);
        }
        builder.WebHost.UseUrls($"http://127.0.0.1:{port}");
        builder.Logging.SetMinimumLevel(verbose ? LogLevel.Information : LogLevel.Warning);
        builder.Services.AddHubFeed(builder.Configuration);
        services?.Invoke(builder.Services);
        builder.Services.AddMvcCore();
        builder.Services.AddSingleton(sp => new LocalQueueWorker(sp, queueConcurrency, TimeSpan.FromSeconds(10), sp.GetRequiredService<ILogger<LocalQueueWorker>>()));
        builder.Services.AddHostedService<QueueService>();
        var app = builder.Build();
        app.Use(LogRequestAsync);

        // The worker middleware's mapping, for the same answers locally.
        app.Use(async (context, next) =>
        {
            context.Response.Headers.XContentTypeOptions = "nosniff";
            try
            {
                await next(context);
            }
            catch (Exception e) when (ApiHttp.ProblemFor(e) is { } problem && !context.Response.HasStarted)
            {
                await ExecuteAsync(ApiHttp.Problem(context.Request, problem), context);
            }
        });
        foreach (var route in Discover(typeof(RunFunctions).Assembly))
        {
            app.MapMethods(route.Route, route.Methods, (HttpContext context) => InvokeAsync(route, context, key)).WithName(route.Name);
        }
        return app;
    }

    /// <summary>One line per request, its URL with any function key redacted (ASP.NET Core's own request lines are filtered out).</summary>
    private static async Task LogRequestAsync(HttpContext context, RequestDelegate next)
    {
        var started = System.Diagnostics.Stopwatch.GetTimestamp();
        try
        {
            await next(context);
        }
        finally
        {
            var logger = context.RequestServices.GetRequiredService<ILoggerFactory>().CreateLogger("HubFeed.Serve");
            logger.LogInformation("HTTP {Method} {Url} answered {Status} in {Elapsed} ms", context.Request.Method,
                Serving.RequestLog.Redact($"{context.Request.PathBase}{context.Request.Path}{context.Request.QueryString}"), context.Response.StatusCode,
                (long)System.Diagnostics.Stopwatch.GetElapsedTime(started).TotalMilliseconds);
        }
    }

    private static async Task InvokeAsync(FunctionRoute route, HttpContext context, string key)
    {
        ApiHeaders.Apply(context.Response, route.Name);
        if (route.Level != AuthorizationLevel.Anonymous && !HasKey(context.Request, key))
        {
            await ExecuteAsync(ApiHttp.Problem(context.Request, new Serving.ApiAnswer.Problem(401, "Unauthorized", "This route needs the function key (x-functions-key header or ?code=).")), context);
            return;
        }
        var target = ActivatorUtilities.CreateInstance(context.RequestServices, route.Method.DeclaringType!);
        var args = route.Method.GetParameters().Select(p =>
            p.ParameterType == typeof(HttpRequest) ? context.Request
            : p.ParameterType == typeof(CancellationToken) ? context.RequestAborted
            : p.ParameterType == typeof(string) ? context.GetRouteValue(p.Name!)?.ToString()
            : (object?)null).ToArray();
        var result = await (Task<IActionResult>)route.Method.Invoke(target, args)!;
        await ExecuteAsync(result, context);
    }

    private static bool HasKey(HttpRequest request, string key) =>
        (request.Headers.TryGetValue("x-functions-key", out var header) && FixedEquals(header.ToString(), key))
        || (request.Query.TryGetValue("code", out var code) && FixedEquals(code.ToString(), key));

    private static bool FixedEquals(string a, string b) =>
        CryptographicOperations.FixedTimeEquals(System.Text.Encoding.UTF8.GetBytes(a), System.Text.Encoding.UTF8.GetBytes(b));

    private static Task ExecuteAsync(IActionResult result, HttpContext context) =>
        result.ExecuteResultAsync(new ActionContext(context, context.GetRouteData(), new ActionDescriptor()));

    /// <summary>Runs the queue worker for as long as the server runs.</summary>
    private sealed class QueueService(LocalQueueWorker worker) : BackgroundService
    {
        protected override Task ExecuteAsync(CancellationToken stoppingToken) => worker.RunAsync(stoppingToken);
    }
}
