using System.Diagnostics;
using System.Net;
using HubFeed.Cli;

namespace HubFeed.Tests.Cli;

/// <summary>`serve` as a process on Azurite. The commands that need no storage are <see cref="CliCommandTests"/>.</summary>
[Collection(AzuriteCollection.Name)]
public sealed class CliTests(AzuriteFixture fixture)
{
    private static readonly string Cli = CliCommandTests.Cli;

    [Fact]
    public async Task Serve_never_logs_a_function_key_and_its_links_name_the_configured_root_not_the_host_header()
    {
        var id = "k" + Guid.NewGuid().ToString("N")[..10];
        var port = Loopback.FreePort();
        const string key = "sEcReT-key-0123456789";
        var info = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var a in new[] { Cli, "serve", "--source", "snapshot", "--port", port.ToString(System.Globalization.CultureInfo.InvariantCulture), "--verbose" })
        {
            info.ArgumentList.Add(a);
        }
        info.Environment["HUBFEED_FUNCTION_KEY"] = key;
        info.Environment["HubFeedStorage"] = fixture.Azurite.ConnectionString;
        info.Environment["HubFeed__Catalog__TablePrefix"] = id;
        info.Environment["HubFeed__Publish__Container"] = id;
        info.Environment["HubFeed__Api__PublicBaseUrl"] = "https://api.hubfeed.example/";
        using var process = Process.Start(info)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var http = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}/") };
        HttpResponseMessage? accepted = null;
        for (var i = 0; i < 150 && accepted is null; i++)
        {
            try
            {
                using var keyed = new HttpRequestMessage(HttpMethod.Post, $"api/objectives/11/run?code={key}");
                keyed.Headers.Host = "evil.example";
                accepted = await http.SendAsync(keyed);
            }
            catch (HttpRequestException)
            {
                await Task.Delay(200);
            }
        }
        Assert.Equal(HttpStatusCode.Accepted, accepted!.StatusCode);
        Assert.StartsWith("https://api.hubfeed.example/api/runs/objective-11.", accepted.Headers.Location!.AbsoluteUri, StringComparison.Ordinal);
        process.Kill(entireProcessTree: true);
        await process.WaitForExitAsync();
        var logged = await stdout + await stderr;
        Assert.Contains(key, logged, StringComparison.Ordinal); // the banner prints it once, for the operator who started serve
        Assert.Equal(1, logged.Split(key).Length - 1);
        Assert.Contains("/api/objectives/11/run?code=[redacted]", logged, StringComparison.Ordinal);
    }
}
