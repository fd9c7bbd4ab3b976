
namespace HubFeed.Rendering;

/// <summary>
/// The three ways to embed a list: the script (own site, with control of its CSP), the iframe (a CMS that allows iframes)
/// and the URL to paste (any CMS with oEmbed, WordPress included, for every role).
/// </summary>
public enum EmbedForm
{
    Script,
    Iframe,
    Url,
}
