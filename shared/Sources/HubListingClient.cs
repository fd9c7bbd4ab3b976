using System.Net;
using System.Net.Http.Headers;
using System.Text;
using HubFeed.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace HubFeed.Sources;

/// <summary>The result of one conditional GET of a listing page.</summary>
public sealed record PageResponse(bool NotModified, string? Html, string? ETag, string? LastModified);

/// <summary>The listing page cannot be had (after the retries the resilience pipeline made).</summary>
public sealed class SourceUnavailableException(string message, Exception? inner = null) : Exception(message, inner);

/// <summary>
/// Fetches listing pages over HTTP. Retries, back-off, Retry-After and the per-request timeout come from the resilience
/// pipeline; politeness (per-host concurrency and spacing) from <see cref="PoliteHandler"/>; this class adds conditional
/// GET and the response size cap.
/// </summary>
public sealed class HubListingClient(HttpClient http, IOptions<SourceOptions> options, ILogger<HubListingClient> logger)
{
    public async Task<PageResponse> GetAsync(Uri url, string? etag, string? lastModified, CancellationToken cancellationToken)
    {
        var o = options.Value;
        // The body is read after the pipeline returns the headers, so a body cut short is retried here.
        for (var attempt = 0; ; attempt++)
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
                using var response = await http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken);
                if (response.StatusCode == HttpStatusCode.NotModified)
                {
                    return new PageResponse(true, null, etag, lastModified);
                }
                if (!response.IsSuccessStatusCode)
                {
                    throw new SourceUnavailableException($"GET {url} answered {(int)response.StatusCode} {response.ReasonPhrase}.");
                }
                if (response.Content.Headers.ContentLength > o.MaxResponseBytes)
                {
                    throw new SourceUnavailableException($"GET {url}: the response is {response.Content.Headers.ContentLength} bytes, over the cap of {o.MaxResponseBytes}.");
                }

                var html = await ReadCappedAsync(response.Content, o.MaxResponseBytes, url, cancellationToken);
                return new PageResponse(false, html, response.Headers.ETag?.ToString(),
                    response.Content.Headers.LastModified?.ToString("R"));
            }
            catch (Exception e) when (e is IOException or HttpRequestException && attempt < o.MaxRetries && !cancellationToken.IsCancellationRequested)
            {
                logger.LogWarning(e, "Reading {Url} failed on attempt {Attempt}; trying again", url, attempt + 1);
                await Task.Delay(o.RetryBaseDelay * (attempt + 1), cancellationToken);
            }
            catch (Exception e) when (e is HttpRequestException or IOException or TaskCanceledException or Polly.Timeout.TimeoutRejectedException && !cancellationToken.IsCancellationRequested)
            {
                throw new SourceUnavailableException($"GET {url} failed: {e.Message}", e);
            }
        }
    }

    private static async Task<string> ReadCappedAsync(HttpContent content, int cap, Uri url, CancellationToken cancellationToken)
    {
        await using var stream = await content.ReadAsStreamAsync(cancellationToken);
        using var buffer = new MemoryStream();
        var chunk = new byte[16 * 1024];
        int read;
        while ((read = await stream.ReadAsync(chunk, cancellationToken)) > 0)
        {
            if (buffer.Length + read > cap)
            {
                throw new SourceUnavailableException($"GET {url}: the response is over the cap of {cap} bytes.");
            }
            buffer.Write(chunk, 0, read);
        }
        var charset = content.Headers.ContentType?.CharSet;
        var encoding = charset is null ? Encoding.UTF8 : Encoding.GetEncoding(charset.Trim('"'));
        return encoding.GetString(buffer.GetBuffer(), 0, (int)buffer.Length);
    }
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
