using System.Security.Cryptography;

namespace HubFeed.Tests.Publishing;

/// <summary>
/// widget/release.json, written by the deploy (the app's role cannot write under widget/), names the pinned script and
/// its SRI; the demo page offers a snippet only when it loads exactly that. The snippets the app publishes must agree.
/// The published files are read through the port, on the in-memory storage.
/// </summary>
public sealed class WidgetReleaseTests
{
    [Fact]
    public async Task The_release_note_names_the_deployed_script_and_its_SRI_and_the_published_snippets_load_exactly_that()
    {
        await using var app = await TestApp.StartInMemoryAsync();
        Assert.Contains(app.Get<WidgetFiles>().DeployFiles(app.Layout), f => f.Path == BlobLayout.WidgetRelease);
        var release = JsonDocument.Parse(await app.PublishedTextAsync(app.Layout.Url(BlobLayout.WidgetRelease))).RootElement;
        var script = release.GetProperty("script").GetString()!;
        var integrity = release.GetProperty("integrity").GetString()!;
        Assert.Matches("^widget/gcm-resources\\.[0-9a-f]{12}\\.js$", script);
        // The SRI is that of the bytes published at that path.
        var bytes = await app.PublishedBytesAsync(app.Layout.Url(script).AbsoluteUri);
        Assert.Equal("sha384-" + Convert.ToBase64String(SHA384.HashData(bytes)), integrity);

        var report = await app.Get<HubFeedRunner>().RunAsync(RunTrigger.Cli, CancellationToken.None);
        Assert.True(report.Succeeded, report.Sources[0].Run.Error);
        var index = JsonDocument.Parse(await app.PublishedTextAsync(app.Layout.Url(BlobLayout.IndexJson))).RootElement;
        var snippet = index.GetProperty("objectives")[0].GetProperty("snippet").GetString()!;
        var encodedIntegrity = integrity.Replace("+", "&#x2B;", StringComparison.Ordinal); // HtmlEncoder's form
        Assert.StartsWith($"<script src=\"{app.Layout.Url(script).AbsoluteUri}\" integrity=\"{encodedIntegrity}\" crossorigin=\"anonymous\" async></script>\n", snippet, StringComparison.Ordinal);
    }
}
