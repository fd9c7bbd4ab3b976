using System.Net;
using System.Net.Http.Headers;
using System.Text;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Polly.Timeout;

namespace HubFeed.Sources;

/// <summary>The result of one conditional GET of a listing page.</summary>
public sealed record PageResponse(bool NotModified, string? Html, string? ETag, string? LastModified);

/// <summary>The listing page cannot be had (after the retries the resilience pipeline made).</summary>
public sealed class SourceUnavailableException(string message, Exception? inner = null) : Exception(message, inner);

/// <summary>A response that must not be retried: over the size cap, or redirected off the source's host.</summary>
public sealed class ResponseRefusedException(string message) : Exception(message);

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
        using var request = new HttpRequestMessage(HttpMethod.Get, url);
        if (etag is not null && EntityTagHeaderValue.TryParse(etag, out var tag))
        {
            request.Headers.IfNoneMatch.Add(tag);
        }
        if (lastModified is not null && DateTimeOffset.TryParse(lastModified, System.Globalization.CultureInfo.InvariantCulture, System.Globalization.DateTimeStyles.AssumeUniversal, out var since))
        {
            request.Headers.IfModifiedSince = since;
        }

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
            var charset = response.Content.Headers.ContentType?.CharSet;
            Encoding encoding;
            try
            {
                encoding = charset is null ? Encoding.UTF8 : Encoding.GetEncoding(charset.Trim('"'));
            }
            catch (ArgumentException)
            {
                logger.LogWarning("GET {Url}: unknown charset {Charset}; read as UTF-8", url, charset);
                encoding = Encoding.UTF8;
            }
            return new PageResponse(false, encoding.GetString(bytes), response.Headers.ETag?.ToString(), response.Content.Headers.LastModified?.ToString("R"));
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
}

/// <summary>
/// Reads the body inside the attempt, to the size cap: the resilience pipeline's attempt time-out then covers the
/// whole response (a server trickling bytes is cut off), and a body cut short is retried like any network error.
/// </summary>
public sealed class BodyLimitHandler(IOptions<SourceOptions> options) : DelegatingHandler
{
    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var response = await base.SendAsync(request, cancellationToken);
        var cap = options.Value.MaxResponseBytes;
        if (response.Content.Headers.ContentLength > cap)
        {
            response.Dispose();
            throw new ResponseRefusedException($"the response is {response.Content.Headers.ContentLength} bytes, over the cap of {cap}.");
        }
        using var buffer = new MemoryStream();
        try
        {
            await using var stream = await response.Content.ReadAsStreamAsync(cancellationToken);
            var chunk = new byte[16 * 1024];
            int read;
            while ((read = await stream.ReadAsync(chunk, cancellationToken)) > 0)
            {
                if (buffer.Length + read > cap)
                {
                    throw new ResponseRefusedException($"the response is over the cap of {cap} bytes.");
                }
                buffer.Write(chunk, 0, read);
            }
            var content = new ByteArrayContent(buffer.ToArray());
            foreach (var header in response.Content.Headers)
            {
                content.Headers.TryAddWithoutValidation(header.Key, header.Value);
            }
            content.Headers.ContentLength = buffer.Length;
            response.Content = content;
            return response;
        }
        catch (IOException e)
        {
            // Said as what it is: the transfer broke, the page's markup is not to blame.
            var promised = response.Content.Headers.ContentLength is { } length ? $" of {length}" : "";
            response.Dispose();
            throw new HttpRequestException($"The body ended early at {buffer.Length}{promised} bytes (the connection broke; not a markup change): {e.Message}", e);
        }
        catch
        {
            response.Dispose();
            throw;
        }
    }
}

/// <summary>Follows redirects (at most 5) only within the requested host; a redirect anywhere else is refused.</summary>
public sealed class SameHostRedirectHandler : DelegatingHandler
{
    private const int MaxRedirects = 5;

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var origin = request.RequestUri!;
        var response = await base.SendAsync(request, cancellationToken);
        for (var hops = 0; IsRedirect(response.StatusCode); hops++)
        {
            var location = response.Headers.Location;
            response.Dispose();
            if (location is null || hops >= MaxRedirects)
            {
                throw new ResponseRefusedException(location is null ? "a redirect without a Location." : $"more than {MaxRedirects} redirects.");
            }
            var target = location.IsAbsoluteUri ? location : new Uri(origin, location);
            if (!string.Equals(target.Authority, origin.Authority, StringComparison.OrdinalIgnoreCase) || (target.Scheme != origin.Scheme && target.Scheme != Uri.UriSchemeHttps))
            {
                throw new ResponseRefusedException($"redirected to {target.GetLeftPart(UriPartial.Path)}, off {origin.Authority}; not followed.");
            }
            using var next = new HttpRequestMessage(HttpMethod.Get, target);
            foreach (var header in request.Headers)
            {
                next.Headers.TryAddWithoutValidation(header.Key, header.Value);
            }
            response = await base.SendAsync(next, cancellationToken);
        }
        return response;
    }

    private static bool IsRedirect(HttpStatusCode status) => status is HttpStatusCode.MovedPermanently or HttpStatusCode.Found or HttpStatusCode.SeeOther
        or HttpStatusCode.TemporaryRedirect or HttpStatusCode.PermanentRedirect;
}

/// <summary>At most N requests in flight per host, and a pause between request starts: the Hub is someone else's site.</summary>
public sealed class PoliteHandler(HostGates gates, IOptions<SourceOptions> options, TimeProvider clock) : DelegatingHandler
{
    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var gate = gates.For(request.RequestUri!.Authority);
        await gate.Slots.WaitAsync(cancellationToken);
        try
        {
            await gate.WaitTurnAsync(options.Value.DelayBetweenRequests, clock, cancellationToken);
            return await base.SendAsync(request, cancellationToken);
        }
        finally
        {
            gate.Slots.Release();
        }
    }
}

/// <summary>One gate per host for the whole process (handlers are recycled by the HTTP client factory; the gates are not).</summary>
public sealed class HostGates(IOptions<SourceOptions> options)
{
    private readonly Dictionary<string, HostGate> _gates = new(StringComparer.OrdinalIgnoreCase);

    public HostGate For(string host)
    {
        lock (_gates)
        {
            if (!_gates.TryGetValue(host, out var gate))
            {
                gate = new HostGate(options.Value.MaxRequestsPerHost);
                _gates[host] = gate;
            }
            return gate;
        }
    }

    public sealed class HostGate(int slots)
    {
        private readonly SemaphoreSlim _turn = new(1, 1);
        private DateTimeOffset _next = DateTimeOffset.MinValue;

        public SemaphoreSlim Slots { get; } = new(slots, slots);

        public async Task WaitTurnAsync(TimeSpan spacing, TimeProvider clock, CancellationToken cancellationToken)
        {
            await _turn.WaitAsync(cancellationToken);
            try
            {
                var wait = _next - clock.GetUtcNow();
                if (wait > TimeSpan.Zero)
                {
                    await Task.Delay(wait, clock, cancellationToken);
                }
                _next = clock.GetUtcNow() + spacing;
            }
            finally
            {
                _turn.Release();
            }
        }
    }
}
