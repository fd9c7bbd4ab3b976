using System.Net;
using System.Text;
using System.Text.RegularExpressions;
using HtmlAgilityPack;

namespace HubFeed.Sources;

/// <summary>HTML handling for listing pages: a depth-limited parse, text as a reader sees it, and paths within a row.</summary>
public static partial class ListingMarkup
{
    /// <summary>
    /// Deeper nesting than this is refused. Real pages stay far below it; the limit keeps every tree walk (the parser's
    /// and ours) shallow enough for a thread-pool stack.
    /// </summary>
    public const int MaxDepth = 400;

    private static readonly HashSet<string> Hidden = new(StringComparer.OrdinalIgnoreCase) { "script", "style", "noscript", "template", "head", "svg" };
    private static readonly HashSet<string> Blocks = new(StringComparer.OrdinalIgnoreCase)
    {
        "p", "div", "li", "ul", "ol", "tr", "td", "th", "table", "section", "article", "header", "footer", "h1", "h2", "h3",
        "h4", "h5", "h6", "dl", "dt", "dd", "br", "hr", "nav", "aside", "main", "figure", "figcaption", "blockquote",
    };

    public static HtmlDocument Load(string html, Uri pageUrl)
    {
        var doc = new HtmlDocument { OptionMaxNestedChildNodes = MaxDepth };
        try
        {
            doc.LoadHtml(html.Length > 0 && html[0] == '\uFEFF' ? html[1..] : html);
        }
        catch (Exception e) when (e.Message.Contains("nested tags", StringComparison.OrdinalIgnoreCase))
        {
            throw new ListingFormatException($"Page {pageUrl} nests elements more than {MaxDepth} deep: refused, not parsed.");
        }
        return doc;
    }

    /// <summary>
    /// The text a reader sees: entities decoded, hidden elements skipped (scripts, styles, and text kept only for
    /// screen readers: visually-hidden, sr-only, hidden, aria-hidden), block boundaries as spaces, whitespace collapsed,
    /// clean. <paramref name="withoutLabels"/>: field labels ("Type:", "Summary:") left out too.
    /// </summary>
    public static string Text(HtmlNode node, bool withoutLabels = false)
    {
        if (_texts is { } cache)
        {
            if (cache.TryGetValue((node, withoutLabels), out var known))
            {
                return known;
            }
            return cache[(node, withoutLabels)] = Compute(node, withoutLabels);
        }
        return Compute(node, withoutLabels);
    }

    private static string Compute(HtmlNode node, bool withoutLabels)
    {
        var builder = new StringBuilder();
        Append(node, builder, withoutLabels, spoken: false);
        return Clean(builder.ToString());
    }

    /// <summary>
    /// The text a screen reader speaks: <see cref="Text"/> plus what is kept for screen readers only (visually-hidden,
    /// sr-only). A results line may live there ("Displaying results 1 - 10 of 213" read out, a "load more" button shown).
    /// </summary>
    public static string SpokenText(HtmlNode node)
    {
        var builder = new StringBuilder();
        Append(node, builder, withoutLabels: false, spoken: true);
        return Clean(builder.ToString());
    }

    // The reader asks for the same elements' text and classes many times while it learns a page; a page is read on
    // one thread, and its document does not change meanwhile.
    [ThreadStatic]
    private static Dictionary<(HtmlNode, bool), string>? _texts;

    [ThreadStatic]
    private static Dictionary<HtmlNode, string>? _classes;

    /// <summary>Remembers every element's text and stable classes until disposed (one page's parse).</summary>
    public static IDisposable RememberTexts()
    {
        var (outerTexts, outerClasses) = (_texts, _classes);
        _texts = [];
        _classes = [];
        return new Scope(() => (_texts, _classes) = (outerTexts, outerClasses));
    }

    private sealed class Scope(Action end) : IDisposable
    {
        public void Dispose() => end();
    }

    /// <summary>Shown to nobody, or only to screen readers.</summary>
    public static bool IsHidden(HtmlNode e)
    {
        if (Hidden.Contains(e.Name))
        {
            return true;
        }
        if (!e.HasAttributes)
        {
            return false;
        }
        var classes = e.GetAttributeValue("class", "");
        return e.Attributes.Contains("hidden")
            || e.GetAttributeValue("aria-hidden", "") == "true"
            || (classes.AsSpan().IndexOfAny(HiddenHints) >= 0 && HiddenClass().IsMatch(classes));
    }

    /// <summary>Not spoken by a screen reader either: scripts, styles, the hidden attribute, aria-hidden.</summary>
    private static bool IsSilent(HtmlNode e) =>
        Hidden.Contains(e.Name) || (e.HasAttributes && (e.Attributes.Contains("hidden") || e.GetAttributeValue("aria-hidden", "") == "true"));

    private static readonly System.Buffers.SearchValues<string> HiddenHints = System.Buffers.SearchValues.Create(["hidden", "sr-only", "screen-reader", "invisible"], StringComparison.Ordinal);

    /// <summary>
    /// A control, never content: a button, an element with role=button, a details toggle's summary, a link that
    /// expands or collapses something (aria-expanded). "more" / "less" toggles are these.
    /// </summary>
    public static bool IsControl(HtmlNode e) =>
        e.Name is "button" or "summary"
        || (e.HasAttributes && (e.GetAttributeValue("role", "") == "button" || (e.Name == "a" && e.Attributes.Contains("aria-expanded"))));

    /// <summary>A field's label ("Type:", "Date"): an element whose class says label, with a short text.</summary>
    public static bool IsFieldLabel(HtmlNode e) =>
        e.Name != "a" && LabelClass().IsMatch(e.GetAttributeValue("class", "")) && e.InnerText.Length <= 40;

    /// <summary>Decodes entities (once: the DOM text is still encoded), applies <see cref="TextHygiene"/> and collapses whitespace (no-break spaces too).</summary>
    public static string Clean(string? text) =>
        string.IsNullOrEmpty(text) ? string.Empty : Collapse(TextHygiene.Clean(WebUtility.HtmlDecode(text)));

    /// <summary>
    /// Every run of whitespace (no-break spaces too) as one space, none at either end: what "\s+" to " " and Trim() do,
    /// without building a new string when there is nothing to collapse (most texts). Every element's text passes here.
    /// </summary>
    private static string Collapse(string text)
    {
        var clean = text.Length > 0 && !char.IsWhiteSpace(text[0]) && !char.IsWhiteSpace(text[^1]);
        for (var i = 0; clean && i < text.Length; i++)
        {
            clean = !char.IsWhiteSpace(text[i]) || (text[i] == ' ' && !char.IsWhiteSpace(text[i + 1]));
        }
        if (clean)
        {
            return text;
        }
        var builder = new StringBuilder(text.Length);
        var space = false;
        foreach (var c in text)
        {
            if (char.IsWhiteSpace(c))
            {
                space = builder.Length > 0;
                continue;
            }
            if (space)
            {
                builder.Append(' ');
                space = false;
            }
            builder.Append(c);
        }
        return builder.ToString();
    }

    private static void Append(HtmlNode node, StringBuilder builder, bool withoutLabels, bool spoken)
    {
        switch (node.NodeType)
        {
            case HtmlNodeType.Text:
                builder.Append(((HtmlTextNode)node).Text);
                return;
            case HtmlNodeType.Comment:
                return;
        }
        if (node.NodeType == HtmlNodeType.Element && ((spoken ? IsSilent(node) : IsHidden(node)) || IsControl(node) || (withoutLabels && IsFieldLabel(node))))
        {
            return;
        }
        var block = node.NodeType == HtmlNodeType.Element && Blocks.Contains(node.Name);
        if (block)
        {
            builder.Append(' ');
        }
        foreach (var child in node.ChildNodes)
        {
            Append(child, builder, withoutLabels, spoken);
        }
        if (block)
        {
            builder.Append(' ');
        }
    }

    private static readonly System.Collections.Concurrent.ConcurrentDictionary<string, System.Xml.XPath.XPathExpression?> Compiled = new(StringComparer.Ordinal);

    /// <summary>The nodes an XPath selects (compiled once per expression); empty for an XPath that does not compile.</summary>
    public static IReadOnlyList<HtmlNode> Select(HtmlNode node, string? xpath)
    {
        if (string.IsNullOrWhiteSpace(xpath) || Compile(xpath) is not { } expression)
        {
            return [];
        }
        try
        {
            return node.SelectNodes(expression) is { } nodes ? nodes.ToList() : [];
        }
        catch (System.Xml.XPath.XPathException)
        {
            return [];
        }
    }

    /// <summary>The first node an XPath selects from <paramref name="node"/>, or null.</summary>
    public static HtmlNode? SelectFirst(HtmlNode node, string? xpath)
    {
        if (string.IsNullOrWhiteSpace(xpath) || Compile(xpath) is not { } expression)
        {
            return null;
        }
        try
        {
            return node.SelectSingleNode(expression);
        }
        catch (System.Xml.XPath.XPathException)
        {
            return null;
        }
    }

    private static System.Xml.XPath.XPathExpression? Compile(string xpath) => Compiled.GetOrAdd(xpath, x =>
    {
        try
        {
            return System.Xml.XPath.XPathExpression.Compile(x);
        }
        catch (System.Xml.XPath.XPathException)
        {
            return null; // a broken configured selector is a hint that fails
        }
    });

    /// <summary>Element children only.</summary>
    public static IEnumerable<HtmlNode> Elements(HtmlNode node) => node.ChildNodes.Where(c => c.NodeType == HtmlNodeType.Element);

    /// <summary>Every element below <paramref name="node"/>, document order, hidden elements (script, style…) and controls skipped.</summary>
    public static IEnumerable<HtmlNode> Descendants(HtmlNode node)
    {
        var stack = new Stack<HtmlNode>();
        for (var i = node.ChildNodes.Count - 1; i >= 0; i--)
        {
            stack.Push(node.ChildNodes[i]);
        }
        while (stack.Count > 0)
        {
            var n = stack.Pop();
            if (n.NodeType != HtmlNodeType.Element || IsHidden(n) || IsControl(n))
            {
                continue;
            }
            yield return n;
            for (var i = n.ChildNodes.Count - 1; i >= 0; i--)
            {
                stack.Push(n.ChildNodes[i]);
            }
        }
    }

    public static bool IsAncestorOf(HtmlNode ancestor, HtmlNode node)
    {
        for (var n = node.ParentNode; n is not null; n = n.ParentNode)
        {
            if (n == ancestor)
            {
                return true;
            }
        }
        return false;
    }

    /// <summary>The class tokens that say what an element is, not where it sits (odd/even/first/last and numbered ones dropped).</summary>
    public static IReadOnlyList<string> StableClasses(HtmlNode e)
    {
        var key = ClassKey(e);
        return key.Length == 0 ? [] : key.Split('.');
    }

    /// <summary>The stable classes joined with dots ("views-field.views-field-title"), empty when there are none.</summary>
    public static string ClassKey(HtmlNode e)
    {
        if (_classes is { } cache && cache.TryGetValue(e, out var known))
        {
            return known;
        }
        var key = KeyOf(e.GetAttributeValue("class", ""));
        if (_classes is { } c)
        {
            c[e] = key;
        }
        return key;
    }

    // A listing repeats a handful of class attributes on every page and every run: each one's key is worked out once
    // (bounded, so a page of ever-new classes only stops being remembered).
    private static readonly System.Collections.Concurrent.ConcurrentDictionary<string, string> KeysByAttribute = new(StringComparer.Ordinal);
    private const int MaxRememberedAttributes = 4096;

    private static string KeyOf(string attribute)
    {
        if (attribute.Length == 0)
        {
            return "";
        }
        if (KeysByAttribute.TryGetValue(attribute, out var known))
        {
            return known;
        }
        var key = string.Join('.', attribute.Split((char[])[' ', '\t', '\n', '\r'], StringSplitOptions.RemoveEmptyEntries)
            .Where(c => !Positional().IsMatch(c)).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal));
        if (KeysByAttribute.Count < MaxRememberedAttributes)
        {
            KeysByAttribute.TryAdd(attribute, key);
        }
        return key;
    }

    /// <summary>
    /// A path from <paramref name="row"/> down to <paramref name="target"/> that holds in every row of the same shape:
    /// each step is the tag with its stable classes, or the tag and its index among same-tag siblings when it has none.
    /// </summary>
    public static string? PathWithin(HtmlNode row, HtmlNode target)
    {
        var steps = new List<string>();
        for (var n = target; n != row; n = n.ParentNode)
        {
            if (n is null)
            {
                return null;
            }
            steps.Add(Step(n));
        }
        steps.Reverse();
        return string.Join('/', steps);
    }

    private static string Step(HtmlNode e)
    {
        var classes = ClassKey(e);
        if (classes.Length > 0)
        {
            return e.Name + "." + classes;
        }
        var index = 1;
        for (var s = e.PreviousSibling; s is not null; s = s.PreviousSibling)
        {
            if (s.NodeType == HtmlNodeType.Element && s.Name == e.Name)
            {
                index++;
            }
        }
        return $"{e.Name}[{index}]";
    }

    /// <summary>Follows a <see cref="PathWithin"/> path in a row; null when the row has no such element.</summary>
    public static HtmlNode? Follow(HtmlNode row, string path)
    {
        var node = row;
        foreach (var step in path.Split('/'))
        {
            node = Child(node, step);
            if (node is null)
            {
                return null;
            }
        }
        return node;
    }

    private static HtmlNode? Child(HtmlNode parent, string step)
    {
        var bracket = step.IndexOf('[', StringComparison.Ordinal);
        if (bracket > 0)
        {
            var name = step[..bracket];
            var index = int.Parse(step.AsSpan(bracket + 1, step.Length - bracket - 2), System.Globalization.CultureInfo.InvariantCulture);
            return Elements(parent).Where(e => e.Name == name && ClassKey(e).Length == 0).Skip(index - 1).FirstOrDefault()
                ?? Elements(parent).Where(e => e.Name == name).Skip(index - 1).FirstOrDefault();
        }
        var dot = step.IndexOf('.', StringComparison.Ordinal);
        var tag = dot < 0 ? step : step[..dot];
        var classes = dot < 0 ? "" : step[(dot + 1)..];
        foreach (var child in parent.ChildNodes)
        {
            if (child.NodeType == HtmlNodeType.Element && child.Name == tag && ClassKey(child) == classes)
            {
                return child;
            }
        }
        return null;
    }

    /// <summary>
    /// Like <see cref="Follow"/>, but the last step also takes an element of the same tag that shares a class with it:
    /// classes that vary from row to row ("icon-pledge", "type-video") still lead to the field's element.
    /// </summary>
    public static IEnumerable<HtmlNode> FollowLoosely(HtmlNode row, string path)
    {
        var slash = path.LastIndexOf('/');
        var parent = slash < 0 ? row : Follow(row, path[..slash]);
        var last = path[(slash + 1)..];
        var dot = last.IndexOf('.', StringComparison.Ordinal);
        if (parent is null || dot < 0)
        {
            return [];
        }
        var tag = last[..dot];
        var classes = last[(dot + 1)..].Split('.');
        return Elements(parent).Where(e => e.Name == tag && StableClasses(e).Intersect(classes, StringComparer.Ordinal).Any());
    }

    /// <summary>An XPath naming a group of rows: the children with <paramref name="tag"/> of <paramref name="parent"/>.</summary>
    public static string RowXPath(HtmlNode parent, string tag)
    {
        var id = parent.GetAttributeValue("id", "");
        if (id.Length > 0 && !id.Contains('\'', StringComparison.Ordinal))
        {
            return $"//*[@id='{id}']/{tag}";
        }
        var classes = StableClasses(parent);
        if (classes.Count > 0 && Select(parent.OwnerDocument.DocumentNode, $"//{parent.Name}[{ClassTest(classes[0])}]") is { Count: 1 })
        {
            return $"//{parent.Name}[{ClassTest(classes[0])}]/{tag}";
        }
        return parent.XPath + "/" + tag;
    }

    private static string ClassTest(string c) => $"contains(concat(' ', normalize-space(@class), ' '), ' {c} ')";

    [GeneratedRegex(@"(^|\s)(visually-hidden|sr-only|screen-reader-text|element-invisible|hidden)(\s|$)")]
    private static partial Regex HiddenClass();

    [GeneratedRegex(@"(^|[\s_-])label(\s|$|[_-])", RegexOptions.IgnoreCase)]
    private static partial Regex LabelClass();

    [GeneratedRegex(@"^(odd|even|first|last|active|is-active|current|selected|\d+)$|(^|[-_])(odd|even|first|last)$|[-_]\d+$", RegexOptions.IgnoreCase)]
    private static partial Regex Positional();
}
