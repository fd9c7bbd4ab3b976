using System.ServiceModel.Syndication;
using System.Text;
using System.Xml;

namespace HubFeed.Rendering;

/// <summary>Atom 1.0 (RFC 4287) for feed readers.</summary>
public static class AtomRenderer
{
    public const string MediaType = "application/atom+xml; charset=utf-8";

    public static RenderedFile Render(FeedModel model, PublicLinks links)
    {
        var source = model.Source;
        var objective = source.Objective;
        var feed = new SyndicationFeed(source.Title, model.Description, source.HomePage, links.AtomFeed(objective).AbsoluteUri, model.Updated)
        {
            Language = "en",
        };
        feed.Authors.Add(new SyndicationPerson { Name = "United Nations Network on Migration", Uri = source.CanonicalBase.AbsoluteUri });
        feed.Links.Add(new SyndicationLink(links.AtomFeed(objective), "self", null, "application/atom+xml", 0));
        feed.Links.Add(new SyndicationLink(links.JsonFeed(objective), "alternate", null, "application/feed+json", 0));
        feed.Items = model.Items.Select(r =>
        {
            var updated = r.Date is { } d ? new DateTimeOffset(d.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero) : r.FirstSeen;
            var item = new SyndicationItem(r.Title, (SyndicationContent?)null, new Uri(r.Url), r.Url, updated)
            {
                // Syndication leaves Summary empty unless set; readers show it.
                Summary = new TextSyndicationContent(r.Summary ?? r.Title),
            };
            if (r.Date is not null)
            {
                item.PublishDate = updated;
            }
            item.Categories.Add(new SyndicationCategory(r.Type, null, r.TypeLabel));
            return item;
        }).ToList();

        using var buffer = new MemoryStream();
        using (var writer = XmlWriter.Create(buffer, new XmlWriterSettings { Encoding = new UTF8Encoding(false), Indent = false }))
        {
            feed.SaveAsAtom10(writer);
        }
        return new RenderedFile("feed.atom", buffer.ToArray(), MediaType);
    }
}
