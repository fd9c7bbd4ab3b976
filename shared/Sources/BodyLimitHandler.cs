using Microsoft.Extensions.Options;

namespace HubFeed.Sources;

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
            await ReadCappedAsync(response, buffer, cap, cancellationToken);
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

    private static async Task ReadCappedAsync(HttpResponseMessage response, MemoryStream buffer, long cap, CancellationToken cancellationToken)
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
    }
}
