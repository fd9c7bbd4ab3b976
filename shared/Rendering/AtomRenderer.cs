using System.Globalization;
using System.ServiceModel.Syndication;
using System.Text;
using System.Text.RegularExpressions;
using System.Xml;
using System.Xml.Linq;
using HubFeed.Layout;

namespace HubFeed.Rendering;

/// <summary>Atom 1.0 (RFC 4287) for feed readers.</summary>
public static partial class AtomRenderer
{
    public const string MediaType = MediaTypes.Atom;

    private static readonly XmlQualifiedName XmlLang = new("lang", "http://www.w3.org/XML/1998/namespace");

    public static PublishedFile Render(FeedModel model, BlobLayout layout)
    {
        var scope = model.Scope;
        var self = layout.Url(BlobLayout.Atom(scope));
        // No alternate link from the constructor: it would carry no type. One alternate per format, each typed.
        var feed = new SyndicationFeed(scope.Title, scope.Description, null, self.AbsoluteUri, model.Updated)
        {
            Language = "en",
        };
        feed.Authors.Add(new SyndicationPerson { Name = "United Nations Network on Migration", Uri = scope.CanonicalBase.AbsoluteUri });
        feed.Links.Add(new SyndicationLink(self, "self", null, "application/atom+xml", 0));
        // The Hub's page last: readers that take the last alternate as the feed's website (newsboat) find the Hub there,
        // readers that pick the text/html one (feedparser) too.
        feed.Links.Add(new SyndicationLink(layout.Url(BlobLayout.JsonFeed(scope)), "alternate", null, "application/feed+json", 0));
        feed.Links.Add(new SyndicationLink(scope.HomePage, "alternate", null, "text/html", 0));
        WebSubLinks.AddTo(feed, layout);
        // RFC 5005: this document holds every item of the list; an item missing from it is gone.
        feed.ElementExtensions.Add(new XElement(ItemTimes.FeedHistory + "complete"));
        var floor = model.UndatedFloor();
        feed.Items = model.Items.Select(r => Entry(model, r, floor)).ToList();

        using var buffer = new MemoryStream();
        using (var writer = XmlWriter.Create(buffer, new XmlWriterSettings { Encoding = new UTF8Encoding(false), Indent = false }))
        {
            feed.SaveAsAtom10(writer);
        }
        return new PublishedFile(BlobLayout.Atom(scope), buffer.ToArray(), MediaTypes.Of(BlobLayout.Atom(scope)));
    }

    /// <summary>
    /// One entry: the title once (a summary only when the Hub has one), its language, the Hub's page as its one typed
    /// alternate, and its date (see <see cref="FeedModel.DatesOf"/>; an undated item that predates the feed has no
    /// published and the floor as updated, which Atom requires).
    /// </summary>
    private static SyndicationItem Entry(FeedModel model, Resource r, DateTimeOffset floor)
    {
        var dates = model.DatesOf(r);
        var item = new SyndicationItem(r.Title, (SyndicationContent?)null, null, r.Url, ItemTimes.Updated(r, dates.Published ?? floor));
        // A catalog row always holds an absolute URL; a renderer still never throws on one that is not.
        if (Uri.TryCreate(r.Url, UriKind.Absolute, out var url))
        {
            var link = new SyndicationLink(url, "alternate", null, "text/html", 0);
            if (r.Language is not null && LanguageTag().IsMatch(r.Language))
            {
                link.AttributeExtensions.Add(new XmlQualifiedName("hreflang"), r.Language);
            }
            item.Links.Add(link);
        }
        if (r.Language is not null && LanguageTag().IsMatch(r.Language))
        {
            item.AttributeExtensions.Add(XmlLang, r.Language);
        }
        if (r.Summary is not null)
        {
            item.Summary = new TextSyndicationContent(r.Summary);
        }
        if (dates.Published is { } published)
        {
            item.PublishDate = published;
        }
        if (r.Type.Length > 0)
        {
            item.Categories.Add(new SyndicationCategory(r.Type, null, r.TypeLabel));
        }
        if (model.ObjectivesByUrl is { } map && map.TryGetValue(r.Url, out var objectives))
        {
            foreach (var o in objectives)
            {
                item.Categories.Add(new SyndicationCategory(string.Create(CultureInfo.InvariantCulture, $"objective-{o}"), null,
                    string.Create(CultureInfo.InvariantCulture, $"GCM Objective {o}")));
            }
        }
        return item;
    }

    /// <summary>What Atom's schema takes as xml:lang and hreflang (RFC 4287 atomLanguageTag); anything else is left out.</summary>
    [GeneratedRegex("^[A-Za-z]{1,8}(-[A-Za-z0-9]{1,8})*$")]
    private static partial Regex LanguageTag();
}
