using System.ServiceModel.Syndication;
using System.Text;
using System.Xml;
using System.Xml.Linq;
using HubFeed.Publishing;

namespace HubFeed.Rendering;

/// <summary>Atom 1.0 (RFC 4287) for feed readers.</summary>
public static class AtomRenderer
{
    public const string MediaType = "application/atom+xml; charset=utf-8";

    public static PublishedFile Render(FeedModel model, BlobLayout layout)
    {
        var scope = model.Scope;
        var self = layout.Url(BlobLayout.Atom(scope));
        var feed = new SyndicationFeed(scope.Title, scope.Description, scope.HomePage, self.AbsoluteUri, model.Updated)
        {
            Language = "en",
        };
        feed.Authors.Add(new SyndicationPerson { Name = "United Nations Network on Migration", Uri = scope.CanonicalBase.AbsoluteUri });
        feed.Links.Add(new SyndicationLink(self, "self", null, "application/atom+xml", 0));
        feed.Links.Add(new SyndicationLink(layout.Url(BlobLayout.JsonFeed(scope)), "alternate", null, "application/feed+json", 0));
        WebSubLinks.AddTo(feed, layout);
        // RFC 5005: this document holds every item of the list; an item missing from it is gone.
        feed.ElementExtensions.Add(new XElement(ItemTimes.FeedHistory + "complete"));
        feed.Items = model.Items.Select(r =>
        {
            var updated = r.Date is { } d ? new DateTimeOffset(d.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero) : model.Updated;
            updated = ItemTimes.Modified(r) is { } m && m > updated ? m : updated;
            // A catalog row always holds an absolute URL; a renderer still never throws on one that is not.
            var item = new SyndicationItem(r.Title, (SyndicationContent?)null, Uri.TryCreate(r.Url, UriKind.Absolute, out var link) ? link : null, r.Url, updated)
            {
                // Syndication leaves Summary empty unless set; readers show it.
                Summary = new TextSyndicationContent(r.Summary ?? r.Title),
            };
            if (r.Date is not null)
            {
                item.PublishDate = updated;
            }
            if (r.Type.Length > 0)
            {
                item.Categories.Add(new SyndicationCategory(r.Type, null, r.TypeLabel));
            }
            return item;
        }).ToList();

        using var buffer = new MemoryStream();
        using (var writer = XmlWriter.Create(buffer, new XmlWriterSettings { Encoding = new UTF8Encoding(false), Indent = false }))
        {
            feed.SaveAsAtom10(writer);
        }
        return new PublishedFile(BlobLayout.Atom(scope), buffer.ToArray(), MediaType);
    }
}
