using System.Text;
using System.Text.Encodings.Web;
using System.Text.RegularExpressions;
using HubFeed.Layout;

namespace HubFeed.Rendering;

/// <summary>
/// The published demo page: widget/demo.html with its markers filled in at deploy time, so that the page shows the
/// default list's embed code (all three forms, from <see cref="EmbedRenderer"/>) and its preview without JavaScript.
/// Markers: <c>{{embed:script}}</c>, <c>{{embed:iframe}}</c>, <c>{{embed:url}}</c> (the code of a form, with default
/// options), <c>{{title}}</c> (the list's title) and <c>{{frame}}</c> (the relative path of its embed page). Every value
/// is HTML-encoded, and the template is read once: a value is never read again as a marker.
/// </summary>
public static partial class DemoPageRenderer
{
    [GeneratedRegex(@"\{\{([a-z:]+)\}\}")]
    private static partial Regex Marker();

    /// <summary>The demo page for <paramref name="scope"/>'s list; refuses a template with an unknown or a missing marker.</summary>
    public static PublishedFile Render(string template, FeedScope scope, BlobLayout layout, WidgetScript pinned)
    {
        var values = Values(scope, layout, pinned);
        var used = Marker().Matches(template).Select(m => m.Groups[1].Value).ToHashSet(StringComparer.Ordinal);
        var unknown = used.Where(name => !values.ContainsKey(name)).ToList();
        var missing = values.Keys.Where(name => !used.Contains(name)).ToList();
        if (unknown.Count > 0 || missing.Count > 0)
        {
            // The deploy stops here rather than publish a page with a marker left in it, or without a form's code.
            throw new InvalidOperationException($"{BlobLayout.DemoPage}: unknown markers [{string.Join(", ", unknown)}], missing markers [{string.Join(", ", missing)}].");
        }
        var html = Marker().Replace(template, m => HtmlEncoder.Default.Encode(values[m.Groups[1].Value]));
        return new PublishedFile(BlobLayout.DemoPage, Encoding.UTF8.GetBytes(html), MediaTypes.Of(BlobLayout.DemoPage));
    }

    /// <summary>What each marker stands for (unencoded).</summary>
    public static IReadOnlyDictionary<string, string> Values(FeedScope scope, BlobLayout layout, WidgetScript pinned)
    {
        var defaults = new EmbedOptions(IndexRenderer.EmbedValue(scope));
        var values = Enum.GetValues<EmbedForm>().ToDictionary(
            form => "embed:" + form.ToString().ToLowerInvariant(),
            form => EmbedRenderer.Render(form, defaults, scope, layout, pinned),
            StringComparer.Ordinal);
        values["title"] = scope.Title;
        values["frame"] = BlobLayout.EmbedPage(scope);
        return values;
    }
}
