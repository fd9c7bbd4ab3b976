using HubFeed.Serving;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;

namespace HubFeed.Functions;

/// <summary>The read-only API over the catalog, for sites that query rather than embed.</summary>
public sealed class ResourceFunctions(ResourceApi api)
{
    /// <summary>GET /api/objectives/{objective}/resources?type=&amp;q=&amp;lang=&amp;limit=&amp;cursor= : a JSON Feed page with next_url.</summary>
    [Function("Resources")]
    public Task<IActionResult> Resources(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "objectives/{objective}/resources")] HttpRequest request,
        string objective,
        CancellationToken cancellationToken) => api.ResourcesAsync(objective, request, cancellationToken);

    /// <summary>GET /api/objectives/{objective}/embed?lang=&amp;limit=&amp;types=&amp;theme=&amp;heading=&amp;version= : the HTML snippet to paste.</summary>
    [Function("Embed")]
    public Task<IActionResult> Embed(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "objectives/{objective}/embed")] HttpRequest request,
        string objective,
        CancellationToken cancellationToken) => api.EmbedAsync(objective, request, cancellationToken);
}
