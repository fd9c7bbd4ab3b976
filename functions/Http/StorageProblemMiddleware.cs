using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Abstractions;
using Microsoft.AspNetCore.Routing;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Azure.Functions.Worker.Middleware;
using Microsoft.Extensions.Logging;

namespace HubFeed.Functions.Http;

/// <summary>
/// One place turns a storage failure in any HTTP function into an RFC 9457 problem (503), with no internal error text
/// (the worker's CustomMiddleware sample). `hubfeed serve` applies the same mapping (<see cref="ApiHttp.ProblemFor"/>).
/// </summary>
public sealed class StorageProblemMiddleware(ILogger<StorageProblemMiddleware> logger) : IFunctionsWorkerMiddleware
{
    public async Task Invoke(FunctionContext context, FunctionExecutionDelegate next)
    {
        try
        {
            await next(context);
        }
        catch (Exception e) when (context.GetHttpContext() is { } http && ApiHttp.ProblemFor(e) is { } problem)
        {
            logger.LogError(e, "Function {Function} failed on storage", context.FunctionDefinition.Name);
            var result = ApiHttp.Problem(http.Request, problem);
            await result.ExecuteResultAsync(new ActionContext(http, http.GetRouteData() ?? new RouteData(), new ActionDescriptor()));
        }
    }
}
