using System.Net;
using System.Net.Http.Headers;
using System.Text;
using Microsoft.Extensions.Logging;
using Polly.Timeout;

namespace HubFeed.Sources;

/// <summary>
/// Fetches listing pages over HTTP, with a client from IHttpClientFactory (so handlers, connections and DNS are
/// renewed). Everything else is in the client's handlers, each attempt going through all of them: the resilience
/// pipeline (the one retry layer: 408/429/5xx, network errors and attempt time-outs, honouring Retry-After; the
/// attempt time-out covers the whole body), redirects within the source's host only, politeness per host, and the
/// body read to the size cap. This class adds the conditional GET.
/// </summary>
public sealed class HubListingClient(IHttpClientFactory factory, ILogger<HubListingClient> logger)
{
    public const string ClientName = "hub";

    public async Task<PageResponse> GetAsync(Uri url, string? etag, string? lastModified, CancellationToken cancellationToken)
    {
        using var request = ConditionalGet(url, etag, lastModified);
        try
        {
            using var response = await factory.CreateClient(ClientName).SendAsync(request, cancellationToken);
            if (response.StatusCode == HttpStatusCode.NotModified)
            {
                return new PageResponse(true, null, etag, lastModified);
            }
            if (!response.IsSuccessStatusCode)
            {
                throw new SourceUnavailableException($"GET {url} answered {(int)response.StatusCode} {response.ReasonPhrase}.");
            }
            var bytes = await response.Content.ReadAsByteArrayAsync(cancellationToken);
            return new PageResponse(false, EncodingOf(response, url).GetString(bytes), response.Headers.ETag?.ToString(), response.Content.Headers.LastModified?.ToString("R"));
        }
        catch (ResponseRefusedException e)
        {
            throw new SourceUnavailableException($"GET {url}: {e.Message}", e);
        }
        catch (Exception e) when (e is HttpRequestException or IOException or TaskCanceledException or TimeoutRejectedException && !cancellationToken.IsCancellationRequested)
        {
            throw new SourceUnavailableException($"GET {url} failed: {e.Message}", e);
        }
    }

    /// <summary>A GET that sends back the validators of the last answer, so an unchanged page costs a 304.</summary>
    private static HttpRequestMessage ConditionalGet(Uri url, string? etag, string? lastModified)
    {
        var request = new HttpRequestMessage(HttpMethod.Get, url);
        if (etag is not null && EntityTagHeaderValue.TryParse(etag, out var tag))
        {
            request.Headers.IfNoneMatch.Add(tag);
        }
        if (lastModified is not null && DateTimeOffset.TryParse(lastModified, System.Globalization.CultureInfo.InvariantCulture, System.Globalization.DateTimeStyles.AssumeUniversal, out var since))
        {
            request.Headers.IfModifiedSince = since;
        }
        return request;
    }

    /// <summary>The charset the response names; UTF-8 when it names none or one this runtime does not know.</summary>
    private Encoding EncodingOf(HttpResponseMessage response, Uri url)
    {
        var charset = response.Content.Headers.ContentType?.CharSet;
        try
        {
            return charset is null ? Encoding.UTF8 : Encoding.GetEncoding(charset.Trim('"'));
        }
        catch (ArgumentException)
        {
            logger.LogWarning("GET {Url}: unknown charset {Charset}; read as UTF-8", url, charset);
            return Encoding.UTF8;
        }
    }
}
