using System.Net;

namespace HubFeed.Sources;

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
