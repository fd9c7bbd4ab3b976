namespace HubFeed.Layout;

/// <summary>
/// The one table of media types for what HubFeed publishes or serves, by file name: every renderer, the widget's deploy
/// files and the API derive their Content-Type from it (a test checks every published blob against it).
/// </summary>
public static class MediaTypes
{
    public const string JsonFeed = "application/feed+json; charset=utf-8";
    public const string Atom = "application/atom+xml; charset=utf-8";
    public const string Html = "text/html; charset=utf-8";
    public const string Json = "application/json; charset=utf-8";
    public const string Script = "text/javascript; charset=utf-8";
    public const string Css = "text/css; charset=utf-8";
    public const string Xml = "application/xml; charset=utf-8";
    public const string Text = "text/plain; charset=utf-8";

    /// <summary>The media type of a published path: JSON Feed pages (feed.json, feed-N.hash.json, changes.json) by name, the rest by extension.</summary>
    public static string Of(string path)
    {
        var name = Path.GetFileName(path);
        if ((name.StartsWith("feed", StringComparison.Ordinal) || name.StartsWith("changes", StringComparison.Ordinal)) && name.EndsWith(".json", StringComparison.Ordinal))
        {
            return JsonFeed;
        }
        return Path.GetExtension(name).ToLowerInvariant() switch
        {
            ".atom" => Atom,
            ".html" => Html,
            ".json" => Json,
            ".js" => Script,
            ".css" => Css,
            ".xml" => Xml,
            ".txt" => Text,
            ".svg" => "image/svg+xml; charset=utf-8",
            ".png" => "image/png",
            ".ico" => "image/x-icon",
            _ => "application/octet-stream",
        };
    }
}
