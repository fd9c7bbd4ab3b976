using System.Net;
using System.Text;
using System.Text.RegularExpressions;
using HubFeed.Rendering;
using Microsoft.Extensions.Options;

namespace HubFeed.Tests.Rendering;

/// <summary>
/// The published demo page carries the default list's code in all three forms, from the one generator, HTML-encoded
/// (the browser and w3m tests in tests/widget/demo.test.mjs read the same pages with JavaScript off).
/// </summary>
public sealed class DemoPageRendererTests
{
    private static readonly BlobLayout Layout = new(WidgetFixtureTests.Root);
    private static readonly WidgetScript Pinned = new(Layout.Url(BlobLayout.WidgetPinned("0123456789ab")), "sha384-ab+c/d=");

    private static string Page(FeedScope scope) =>
        Encoding.UTF8.GetString(DemoPageRenderer.Render(WidgetFixtureTests.DemoTemplate(), scope, Layout, Pinned).Content);

    /// <summary>The decoded text of every element matched by <paramref name="pattern"/> (its first group is the content).</summary>
    private static List<string> Texts(string html, string pattern) =>
        Regex.Matches(html, pattern, RegexOptions.Singleline).Select(m => WebUtility.HtmlDecode(m.Groups[1].Value)).ToList();

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void The_page_shows_each_form_of_the_default_code_exactly_and_nothing_escapes_the_textarea_or_pre(bool hostile)
    {
        var source = TestSources.Objective(11);
        var scope = FeedScope.For(hostile ? source with { Name = WidgetFixtureTests.Hostile, ShortName = WidgetFixtureTests.Hostile } : source);
        var html = Page(scope);
        var defaults = new EmbedOptions("11");
        var script = EmbedRenderer.Render(EmbedForm.Script, defaults, scope, Layout, Pinned);
        Assert.StartsWith("<script src=\"https://content.hubfeed.test/feeds/widget/gcm-resources.0123456789ab.js\"", script, StringComparison.Ordinal);

        Assert.Equal([script], Texts(html, "<textarea id=\"snippet\"[^>]*>(.*?)</textarea>"));
        Assert.Equal(Enum.GetValues<EmbedForm>().Select(f => EmbedRenderer.Render(f, defaults, scope, Layout, Pinned)), Texts(html, "<pre><code>(.*?)</code></pre>"));
        Assert.Equal(2, Regex.Count(html, "<script\\b")); // the template's two: the widget and demo.js
        // Every marker filled. The hostile name holds one, kept as text: in the title (twice), the script's fallback link
        // (in the textarea and the pre) and the iframe's title.
        Assert.Equal(hostile ? 5 : 0, Regex.Count(html, @"\{\{[a-z:]+\}\}"));
        Assert.DoesNotContain("<img", html, StringComparison.Ordinal);
        Assert.Contains("<iframe class=\"frame\" src=\"objective-11/frame.html\"", html, StringComparison.Ordinal);
        if (hostile)
        {
            Assert.Contains("&lt;/textarea&gt;", html, StringComparison.Ordinal); // the control: the hostile text is there, encoded
        }
    }

    [Theory]
    [InlineData("{{embed:script}}", "{{embed:scripts}}", "unknown markers [embed:scripts], missing markers [embed:script]")]
    [InlineData("{{embed:url}}", "", "missing markers [embed:url]")]
    public void A_template_with_an_unknown_or_a_missing_marker_is_refused(string marker, string replacement, string message)
    {
        var template = WidgetFixtureTests.DemoTemplate().Replace(marker, replacement, StringComparison.Ordinal);
        var e = Assert.Throws<InvalidOperationException>(() => DemoPageRenderer.Render(template, FeedScope.For(TestSources.Objective(11)), Layout, Pinned));
        Assert.Contains(message, e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void The_deploy_publishes_the_filled_page_for_the_first_enabled_objective_and_the_other_demo_files_as_they_are()
    {
        var widget = new WidgetFiles(Options.Create(new PublishOptions { WidgetDirectory = Repo.Path("widget") }), TestSources.Registry("23, 12"));
        var deployed = widget.DeployFiles(Layout);
        Assert.Equal(BlobLayout.DemoPage, deployed[^1].Path); // last: the files it names are there before it
        var files = deployed.ToDictionary(f => f.Path);
        var page = Encoding.UTF8.GetString(files[BlobLayout.DemoPage].Content);
        var scope = widget.DemoScope;
        Assert.Equal(12, scope.Source!.Objective);
        Assert.Equal([EmbedRenderer.Render(EmbedForm.Script, new EmbedOptions("12"), scope, Layout, widget.Pinned(Layout))], Texts(page, "<textarea id=\"snippet\"[^>]*>(.*?)</textarea>"));
        foreach (var name in new[] { "demo.js", "demo.css", "demo.svg" })
        {
            Assert.Equal(File.ReadAllBytes(Repo.Path("widget", name)), files[name].Content);
        }
    }
}
