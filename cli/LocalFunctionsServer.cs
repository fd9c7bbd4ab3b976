using System.Reflection;
using HubFeed.Hosting;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.Configuration;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Abstractions;
using Microsoft.AspNetCore.Routing;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace HubFeed.Cli;

/// <summary>One HTTP function as its attributes declare it.</summary>
public sealed record FunctionRoute(string Name, string Route, IReadOnlyList<string> Methods, MethodInfo Method);

/// <summary>
/// Serves the Function app's HTTP functions on 127.0.0.1 under /api, calling the real function classes. The routes
/// and methods are read from their [Function]/[HttpTrigger] attributes, so nothing is declared twice.
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
                (x.Trigger.Methods ?? ["get", "post"]).Select(v => v.ToUpperInvariant()).ToList(), x.Method))
            .ToList();

    public static WebApplication Build(int port, Action<IConfigurationBuilder> configure, bool verbose)
    {
        var builder = WebApplication.CreateSlimBuilder();
        configure(builder.Configuration);
        builder.WebHost.UseUrls($"http://127.0.0.1:{port}");
        builder.Logging.SetMinimumLevel(verbose ? LogLevel.Information : LogLevel.Warning);
        builder.Services.AddHubFeed(builder.Configuration);
        builder.Services.AddMvcCore();
        var app = builder.Build();

        foreach (var route in Discover(typeof(HubFeed.Functions.RunFunctions).Assembly))
        {
            app.MapMethods(route.Route, route.Methods, (HttpContext context) => InvokeAsync(route, context)).WithName(route.Name);
        }
        return app;
    }

    private static async Task InvokeAsync(FunctionRoute route, HttpContext context)
    {
        var target = ActivatorUtilities.CreateInstance(context.RequestServices, route.Method.DeclaringType!);
        var args = route.Method.GetParameters().Select(p =>
            p.ParameterType == typeof(HttpRequest) ? context.Request
            : p.ParameterType == typeof(CancellationToken) ? context.RequestAborted
            : p.ParameterType == typeof(string) ? context.GetRouteValue(p.Name!)?.ToString()
            : (object?)null).ToArray();
        var result = await (Task<IActionResult>)route.Method.Invoke(target, args)!;
        await result.ExecuteResultAsync(new ActionContext(context, context.GetRouteData(), new ActionDescriptor()));
    }
}
