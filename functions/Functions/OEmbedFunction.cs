using HubFeed.Functions.Http;
using HubFeed.Serving;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;

namespace HubFeed.Functions;

/// <summary>The oEmbed endpoint for every published list (anonymous, cached, any origin may read it).</summary>
public sealed class OEmbedFunction(OEmbedApi api, Microsoft.Extensions.Options.IOptions<HubFeed.Serving.ApiOptions> options)
{
    /// <summary>GET /api/oembed?url=&amp;maxwidth=&amp;maxheight=&amp;format=json : the list's rich oEmbed document.</summary>
    [Function("OEmbed")]
    public Task<IActionResult> OEmbed(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", "options", Route = "oembed")] HttpRequest request,
        CancellationToken cancellationToken) =>
        ApiHttp.AnswerAsync(request, "", options.Value.Root(), api.GetAsync, cancellationToken);
}
