using System.Collections.Concurrent;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace HubFeed.Seeds;

/// <summary>
/// Serves the bundled snapshot of the Hub's listing pages on a loopback port, at the Hub's own paths
/// (/taxonomy/term/289?page=N), with ETags, so the offline source exercises the same HTTP code as the live Hub.
/// Tests change pages and inject faults through <see cref="Pages"/> and <see cref="Fault"/>.
/// </summary>
public sealed class SnapshotServer : IAsyncDisposable
{
    private readonly WebApplication _app;

    private SnapshotServer(WebApplication app, ConcurrentDictionary<(int Term, int Page), string> pages)
    {
        _app = app;
        Pages = pages;
    }

    /// <summary>The pages served, by taxonomy term and 0-based page number.</summary>
    public ConcurrentDictionary<(int Term, int Page), string> Pages { get; }

    /// <summary>Runs before a page is served; return true when it wrote the response itself.</summary>
    public Func<HttpContext, int, int, Task<bool>>? Fault { get; set; }

    public int Requests => _requests;
    private int _requests;

    public Uri BaseUrl { get; private set; } = null!;

    /// <summary>The snapshot folder next to the app (seeds/snapshot), holding objective-N/page-K.html.</summary>
    public static string DefaultFolder => Path.Combine(AppContext.BaseDirectory, "seeds", "snapshot");

    /// <summary>The objectives a snapshot folder holds (objective-N folders), in order.</summary>
    public static IReadOnlyList<int> Objectives(string? folder = null) =>
        Directory.EnumerateDirectories(folder ?? DefaultFolder, "objective-*")
            .Select(d => int.Parse(Path.GetFileName(d)["objective-".Length..], CultureInfo.InvariantCulture)).Order().ToList();

    public static Dictionary<(int Term, int Page), string> LoadFolder(string folder)
    {
        var pages = new Dictionary<(int, int), string>();
        foreach (var dir in Directory.EnumerateDirectories(folder, "objective-*"))
        {
            var objective = int.Parse(Path.GetFileName(dir)["objective-".Length..], CultureInfo.InvariantCulture);
            foreach (var file in Directory.EnumerateFiles(dir, "page-*.html"))
            {
                var page = int.Parse(Path.GetFileNameWithoutExtension(file)["page-".Length..], CultureInfo.InvariantCulture);
                pages[(278 + objective, page)] = File.ReadAllText(file);
            }
        }
        return pages;
    }

    public static async Task<SnapshotServer> StartAsync(IReadOnlyDictionary<(int Term, int Page), string>? pages = null, CancellationToken cancellationToken = default)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        var app = builder.Build();
        var server = new SnapshotServer(app, new ConcurrentDictionary<(int, int), string>(pages ?? LoadFolder(DefaultFolder)));
        app.MapGet("/taxonomy/term/{term:int}", server.ServeAsync);
        await app.StartAsync(cancellationToken);
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        server.BaseUrl = new Uri(address.Replace("[::]", "127.0.0.1", StringComparison.Ordinal));
        return server;
    }

    private async Task ServeAsync(HttpContext context, int term)
    {
        Interlocked.Increment(ref _requests);
        // ?page=K, or ?page=,K for a listing paged by the second pager element (Drupal's comma-separated pager ids).
        var page = int.TryParse(context.Request.Query["page"].ToString().Split(',')[^1], NumberStyles.None, CultureInfo.InvariantCulture, out var p) ? p : 0;
        if (Fault is { } fault && await fault(context, term, page))
        {
            return;
        }
        if (!Pages.TryGetValue((term, page), out var html))
        {
            context.Response.StatusCode = StatusCodes.Status404NotFound;
            return;
        }
        var bytes = Encoding.UTF8.GetBytes(html);
        var etag = "\"" + Convert.ToHexStringLower(SHA256.HashData(bytes))[..16] + "\"";
        context.Response.Headers.ETag = etag;
        if (context.Request.Headers.IfNoneMatch.Contains(etag))
        {
            context.Response.StatusCode = StatusCodes.Status304NotModified;
            return;
        }
        context.Response.ContentType = "text/html; charset=utf-8";
        context.Response.ContentLength = bytes.Length;
        await context.Response.Body.WriteAsync(bytes, context.RequestAborted);
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
