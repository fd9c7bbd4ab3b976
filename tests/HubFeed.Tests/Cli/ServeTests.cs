using System.Net;
using System.Net.Sockets;
using System.Text;
using HubFeed.Cli;
using HubFeed.Hosting;
using HubFeed.Seeds;
using Microsoft.Extensions.Configuration;

namespace HubFeed.Tests.Cli;

/// <summary>
/// `hubfeed serve` in process, as Azure serves the API: the function key on keyed routes, 400 on a bad Host, the API's
/// headers (nosniff, CORS on the public reads), and queued runs processed by its worker; on the in-memory storage.
/// That serve never logs a key is checked on the process (<see cref="CliTests"/>).
/// </summary>
public sealed class ServeTests
{
    [Fact]
    public async Task Serve_asks_for_the_function_key_on_keyed_routes_answers_bad_hosts_with_400_and_runs_queued_requests()
    {
        await using var snapshot = await SnapshotServer.StartAsync();
        var id = "s" + Guid.NewGuid().ToString("N")[..10];
        var port = Loopback.FreePort();
        var settings = LocalSettings.Defaults();
        foreach (var (k, v) in LocalSettings.Loopback(snapshot.BaseUrl))
        {
            settings[k] = v;
        }
        // The catalog, published files and run queue in memory: a storage call past them would fail on the closed port.
        settings[StorageOptions.Section] = TestApp.NoStorage;
        settings["HubFeed:Catalog:TablePrefix"] = id;
        settings["HubFeed:Publish:Container"] = id;
        await using var app = LocalFunctionsServer.Build(port, c => c.AddInMemoryCollection(settings), verbose: false, key: "test-key",
            services: s => s.AddHubFeedInMemoryStorage());
        await app.StartAsync();
        using var http = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}/") };

        Assert.Equal(HttpStatusCode.Unauthorized, (await http.PostAsync("api/objectives/11/run", null)).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await http.PostAsync("api/objectives/11/run?code=wrong", null)).StatusCode);
        using var keyed = new HttpRequestMessage(HttpMethod.Post, "api/objectives/11/run");
        keyed.Headers.Add("x-functions-key", "test-key");
        var accepted = await http.SendAsync(keyed);
        Assert.Equal(HttpStatusCode.Accepted, accepted.StatusCode);
        var runUrl = accepted.Headers.Location!;
        Assert.Equal(HttpStatusCode.Unauthorized, (await http.GetAsync(runUrl)).StatusCode);

        // The queue worker runs it, as the host would.
        string? status = null;
        for (var i = 0; i < 100 && status != "succeeded"; i++)
        {
            await Task.Delay(200);
            var run = JsonDocument.Parse(await http.GetStringAsync(runUrl + "?code=test-key")).RootElement;
            status = run.GetProperty("status").GetString();
        }
        Assert.Equal("succeeded", status);
        // Health reads storage within a 4 s budget (503 past it): a loaded machine can miss that once, so ask again for
        // a while; a health that stays unhealthy still fails here.
        var health = HttpStatusCode.ServiceUnavailable;
        for (var i = 0; i < 15 && health != HttpStatusCode.OK; i++)
        {
            health = (await http.GetAsync("api/health")).StatusCode;
            if (health != HttpStatusCode.OK)
            {
                await Task.Delay(1000);
            }
        }
        Assert.Equal(HttpStatusCode.OK, health);
        Assert.Equal(HttpStatusCode.OK, (await http.GetAsync("api/objectives/11/resources?limit=3")).StatusCode);
        await AssertApiHeadersAsync(http);

        // A Host header that cannot form a URL: 400, never a 500.
        using var tcp = new TcpClient();
        await tcp.ConnectAsync(IPAddress.Loopback, port);
        var stream = tcp.GetStream();
        await stream.WriteAsync(Encoding.ASCII.GetBytes("GET /api/objectives/11/resources HTTP/1.1\r\nHost: a b\r\nConnection: close\r\n\r\n"));
        var answer = await new StreamReader(stream).ReadToEndAsync();
        Assert.StartsWith("HTTP/1.1 400", answer, StringComparison.Ordinal);
        await app.StopAsync();
    }


    /// <summary>
    /// nosniff on every answer; CORS (any origin, no credentials) on the public reads and their preflights, as a
    /// browser on another origin would ask; none on the keyed routes.
    /// </summary>
    private static async Task AssertApiHeadersAsync(HttpClient http)
    {
        Assert.Equal(["Embed", "Health", "OEmbed", "Resources"], HubFeed.Functions.Http.ApiHeaders.PublicReads.Order(StringComparer.Ordinal));
        foreach (var path in new[] { "api/objectives/11/resources?limit=3", "api/objectives/11/embed", "api/health", "api/objectives/99/resources" })
        {
            using var get = new HttpRequestMessage(HttpMethod.Get, path);
            get.Headers.Add("Origin", "https://partner.example");
            var answer = await http.SendAsync(get);
            Assert.Equal("nosniff", answer.Headers.GetValues("X-Content-Type-Options").Single());
            Assert.Equal("*", answer.Headers.GetValues("Access-Control-Allow-Origin").Single());
            Assert.False(answer.Headers.Contains("Access-Control-Allow-Credentials"), path);
            Assert.Contains("ETag", answer.Headers.GetValues("Access-Control-Expose-Headers").Single(), StringComparison.Ordinal);

            using var preflight = new HttpRequestMessage(HttpMethod.Options, path);
            preflight.Headers.Add("Origin", "https://partner.example");
            preflight.Headers.Add("Access-Control-Request-Method", "GET");
            preflight.Headers.Add("Access-Control-Request-Headers", "if-none-match");
            var allowed = await http.SendAsync(preflight);
            Assert.Equal(HttpStatusCode.NoContent, allowed.StatusCode);
            Assert.Equal("*", allowed.Headers.GetValues("Access-Control-Allow-Origin").Single());
            Assert.Contains("GET", allowed.Headers.GetValues("Access-Control-Allow-Methods").Single(), StringComparison.Ordinal);
            Assert.Contains("If-None-Match", allowed.Headers.GetValues("Access-Control-Allow-Headers").Single(), StringComparison.OrdinalIgnoreCase);
            Assert.Equal("nosniff", allowed.Headers.GetValues("X-Content-Type-Options").Single());
        }
        var keyed = await http.PostAsync("api/run", null);
        Assert.Equal(HttpStatusCode.Unauthorized, keyed.StatusCode);
        Assert.Equal("nosniff", keyed.Headers.GetValues("X-Content-Type-Options").Single());
        Assert.False(keyed.Headers.Contains("Access-Control-Allow-Origin"));
        var unknown = await http.GetAsync("api/nothing-here");
        Assert.Equal("nosniff", unknown.Headers.GetValues("X-Content-Type-Options").Single());
    }
}
