using System.Globalization;
using System.Text.RegularExpressions;
using HubFeed.Serving;

namespace HubFeed.Tests.Parity;

/// <summary>
/// The demo page (widget/demo.html, demo.js) and the widget (gcm-resources.js) write down facts the C# side owns: the
/// resource types, the themes, the heading levels and the limit the embed API takes; and the widget's defaults, which the
/// demo repeats so that it adds an attribute only when a visitor changes it. Each copy is checked here against its owner.
/// </summary>
public sealed class WidgetParityTests
{
    private static readonly string Demo = File.ReadAllText(Repo.Path("widget", "demo.html"));
    private static readonly string DemoJs = File.ReadAllText(Repo.Path("widget", "demo.js"));
    private static readonly string Widget = File.ReadAllText(Repo.Path("widget", "gcm-resources.js"));
    private static readonly string WidgetReadme = File.ReadAllText(Repo.Path("widget", "README.md"));

    /// <summary>The option values of a select of the demo, in order (the empty "default" one left out).</summary>
    private static List<string> SelectValues(string id)
    {
        var select = Regex.Match(Demo, $"<select id=\"{id}\"[^>]*>(.*?)</select>", RegexOptions.Singleline);
        Assert.True(select.Success, $"demo.html has <select id=\"{id}\">");
        return Regex.Matches(select.Groups[1].Value, "<option value=\"([^\"]*)\"").Select(m => m.Groups[1].Value).Where(v => v.Length > 0).ToList();
    }

    /// <summary>The one match of a pattern in a file (its first group).</summary>
    private static string One(string text, string pattern, string what)
    {
        var matches = Regex.Matches(text, pattern);
        Assert.True(matches.Count == 1, $"{what}: expected one match of {pattern}, found {matches.Count}");
        return matches[0].Groups[1].Value;
    }

    private static bool EmbedQueryAccepts(string parameter, string value) =>
        EmbedQuery.Parse(new Dictionary<string, IReadOnlyList<string>> { [parameter] = [value] }).Problem is null;

    [Fact]
    public void The_demo_offers_exactly_the_resource_types_the_catalog_knows_each_under_a_label_the_hub_uses()
    {
        var boxes = Regex.Matches(Demo, "<input type=\"checkbox\" name=\"types\" value=\"([a-z]+)\"> ([^<]+)</label>")
            .Select(m => (Code: m.Groups[1].Value, Label: m.Groups[2].Value.Trim())).ToList();
        Assert.Equal(ResourceTypes.ByLabel.Values.Distinct().Order(StringComparer.Ordinal), boxes.Select(b => b.Code).Order(StringComparer.Ordinal));
        foreach (var (code, label) in boxes)
        {
            Assert.True(ResourceTypes.TryMap(label, out var mapped) && mapped == code, $"the demo's label {label} is the Hub's label of {code}");
        }
    }

    [Fact]
    public void The_demo_offers_exactly_the_themes_the_embed_api_takes_and_the_widget_styles_each()
    {
        Assert.Equal(EmbedQuery.Themes, SelectValues("theme"));
        foreach (var theme in EmbedQuery.Themes)
        {
            Assert.True(EmbedQueryAccepts("theme", theme), theme);
            Assert.Contains($":host([theme={theme}])", Widget, StringComparison.Ordinal);
        }
        Assert.False(EmbedQueryAccepts("theme", "sepia")); // the control
    }

    [Fact]
    public void The_heading_levels_the_widget_takes_are_the_ones_the_embed_api_takes_and_the_demo_offers_some_with_the_widgets_default()
    {
        var range = Regex.Match(Widget, @"get headingLevel\(\) \{\s*return /\^\[(\d)-(\d)\]\$/\.test\(this\.#get\('heading-level'\)\) \? \+this\.#get\('heading-level'\) : (\d);");
        Assert.True(range.Success, "the widget's headingLevel getter, read");
        int Group(int i) => int.Parse(range.Groups[i].Value, CultureInfo.InvariantCulture);
        for (var level = 0; level <= 7; level++)
        {
            Assert.Equal(level >= Group(1) && level <= Group(2), EmbedQueryAccepts("heading", level.ToString(CultureInfo.InvariantCulture)));
        }
        var offered = SelectValues("heading-level");
        Assert.All(offered, level => Assert.True(EmbedQueryAccepts("heading", level), level));
        var widgetDefault = range.Groups[3].Value;
        Assert.Equal(widgetDefault, One(Demo, "<option value=\"(\\d)\" selected>", "the demo's selected level"));
        Assert.Equal(widgetDefault, One(DemoJs, @"f\['heading-level'\]\.value !== '(\d)'", "the level demo.js leaves out"));
        Assert.Equal(widgetDefault, One(WidgetReadme, @"\| `heading-level` \| `(\d)` \|", "the documented default"));
    }

    [Fact]
    public void The_demo_offers_the_limits_the_embed_api_takes_and_starts_on_the_widgets_default()
    {
        var input = One(Demo, "(<input id=\"limit\"[^>]*>)", "the demo's limit field");
        Assert.Equal("1", One(input, " min=\"(\\d+)\"", "min"));
        Assert.Equal(ResourceQuery.MaxLimit.ToString(CultureInfo.InvariantCulture), One(input, " max=\"(\\d+)\"", "max"));
        Assert.True(EmbedQueryAccepts("limit", "1") && EmbedQueryAccepts("limit", ResourceQuery.MaxLimit.ToString(CultureInfo.InvariantCulture)));
        Assert.False(EmbedQueryAccepts("limit", "0"));
        Assert.False(EmbedQueryAccepts("limit", (ResourceQuery.MaxLimit + 1).ToString(CultureInfo.InvariantCulture)));
        var widgetDefault = One(Widget, @"parseInt\(this\.#get\('limit'\)\) \|\| (\d+)\)", "the widget's default limit");
        Assert.Equal(widgetDefault, One(input, " value=\"(\\d+)\"", "the demo's starting limit"));
        Assert.Equal(widgetDefault, One(DemoJs, @"limit !== (\d+)\)", "the limit demo.js leaves out"));
        Assert.Equal(widgetDefault, One(WidgetReadme, @"\| `limit` \| `(\d+)` \|", "the documented default"));
    }
}
