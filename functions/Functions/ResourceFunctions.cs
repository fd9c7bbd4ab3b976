using HubFeed.Functions.Http;
using HubFeed.Serving;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;

namespace HubFeed.Functions;

/// <summary>
/// The read-only API over what the feeds show, for sites that query rather than embed: any origin may read it (CORS, see
/// <see cref="ApiHeaders"/>), so each route also answers its preflight (OPTIONS).
/// </summary>
public sealed class ResourceFunctions(ResourceApi api, Microsoft.Extensions.Options.IOptions<HubFeed.Serving.ApiOptions> options)
{
    /// <summary>GET /api/objectives/{objective}/resources?type=&amp;q=&amp;lang=&amp;limit=&amp;cursor= : a JSON Feed page with next_url.</summary>
    [Function("Resources")]
    public Task<IActionResult> Resources(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", "options", Route = "objectives/{objective}/resources")] HttpRequest request,
        string objective,
        CancellationToken cancellationToken) =>
        ApiHttp.AnswerAsync(request, objective, options.Value.Root(), api.ResourcesAsync, cancellationToken);

    /// <summary>GET /api/objectives/{objective}/embed?lang=&amp;limit=&amp;types=&amp;theme=&amp;heading=&amp;loading=&amp;version= : the HTML snippet to paste.</summary>
    [Function("Embed")]
    public Task<IActionResult> Embed(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", "options", Route = "objectives/{objective}/embed")] HttpRequest request,
        string objective,
        CancellationToken cancellationToken) =>
        ApiHttp.AnswerAsync(request, objective, options.Value.Root(), api.EmbedAsync, cancellationToken);
}
