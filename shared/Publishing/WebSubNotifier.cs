using HubFeed.Layout;
using HubFeed.Rendering;
using Microsoft.Extensions.Logging;

namespace HubFeed.Publishing;

/// <summary>
/// Tells the configured WebSub hub which feeds a publish changed: one form POST (hub.mode=publish, hub.url=topic) per
/// changed topic, at most one attempt and one retry each, in parallel. A failure is logged, never fatal: the feeds are
/// published whatever the hub says, and subscribers' next poll finds them.
/// </summary>
public sealed class WebSubNotifier(IHttpClientFactory http, ILogger<WebSubNotifier> logger)
{
    public const string ClientName = "websub";
    public static readonly TimeSpan AttemptTimeout = TimeSpan.FromSeconds(10);
    public static readonly TimeSpan RetryDelay = TimeSpan.FromSeconds(1);

    /// <summary>Pings the hub for every feed among <paramref name="files"/> that <paramref name="result"/> wrote.</summary>
    public async Task NotifyAsync(BlobLayout layout, IEnumerable<PublishedFile> files, PublishResult result, CancellationToken cancellationToken)
    {
        if (layout.WebSubHub is not { } hub || result.Written.Count == 0)
        {
            return;
        }
        var written = result.Written.ToHashSet(StringComparer.Ordinal);
        var topics = files.Where(f => WebSubLinks.IsTopic(f) && written.Contains(f.Path)).Select(f => layout.Url(f.Path)).Distinct().ToList();
        await Task.WhenAll(topics.Select(t => PingAsync(hub, t, cancellationToken)));
    }

    private async Task PingAsync(Uri hub, Uri topic, CancellationToken cancellationToken)
    {
        for (var attempt = 1; attempt <= 2; attempt++)
        {
            var outcome = await AttemptAsync(hub, topic, cancellationToken);
            if (outcome is null)
            {
                logger.LogInformation("WebSub hub {Hub} told {Topic} changed", hub, topic);
                return;
            }
            if (attempt == 2 || !outcome.Value.Retry)
            {
                logger.LogWarning("WebSub hub {Hub} was not told {Topic} changed ({Attempts} attempt(s)): {Reason}", hub, topic, attempt, outcome.Value.Reason);
                return;
            }
            await Task.Delay(RetryDelay, cancellationToken);
        }
    }

    /// <summary>Null when the hub accepted the ping (2xx); else why not and whether another attempt may help.</summary>
    private async Task<(string Reason, bool Retry)?> AttemptAsync(Uri hub, Uri topic, CancellationToken cancellationToken)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(AttemptTimeout);
        try
        {
            using var content = new FormUrlEncodedContent([new("hub.mode", "publish"), new("hub.url", topic.AbsoluteUri)]);
            using var response = await http.CreateClient(ClientName).PostAsync(hub, content, timeout.Token);
            var status = (int)response.StatusCode;
            return response.IsSuccessStatusCode ? null
                : ($"HTTP {status}", status is 408 or 429 || status >= 500);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return ($"no answer within {AttemptTimeout.TotalSeconds:0} s", true);
        }
        catch (HttpRequestException e)
        {
            return (e.HttpRequestError == HttpRequestError.Unknown ? e.Message : e.HttpRequestError.ToString(), true);
        }
    }
}
