using HubFeed.Functions.Http;
using HubFeed.Serving;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;

namespace HubFeed.Functions;

/// <summary>
/// The anonymous reads over what the feeds show: the resources for sites that query rather than embed, the snippet to
/// paste, and oEmbed for CMSs that embed a pasted URL. Any origin may read them (CORS, see <see cref="ApiHeaders"/>),
/// so each route also answers its preflight (OPTIONS).
/// </summary>
public sealed class ResourceFunctions(ResourceApi api, OEmbedApi oembed, Microsoft.Extensions.Options.IOptions<HubFeed.Serving.ApiOptions> options)
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

    /// <summary>GET /api/oembed?url=&amp;maxwidth=&amp;maxheight=&amp;format=json : the list's rich oEmbed document.</summary>
    [Function("OEmbed")]
    public Task<IActionResult> OEmbed(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", "options", Route = "oembed")] HttpRequest request,
        CancellationToken cancellationToken) =>
        ApiHttp.AnswerAsync(request, "", options.Value.Root(), oembed.GetAsync, cancellationToken);
}
