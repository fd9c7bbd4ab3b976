"""Reads an Atom feed with Debian's feedparser (run with /usr/bin/python3) and prints what a reader shows, as JSON:
the feed's website, and per entry its id, title, link, summary, language, and dates as seconds since the epoch with
the calendar day they fall on in this process's time zone (TZ)."""
import calendar
import json
import sys
import time

import feedparser


def day(parsed):
    if parsed is None:
        return None, None
    epoch = calendar.timegm(parsed)
    return epoch, time.strftime('%Y-%m-%d', time.localtime(epoch))


feed = feedparser.parse(sys.argv[1])
entries = []
for e in feed.entries:
    published, published_day = day(e.get('published_parsed'))
    updated, updated_day = day(e.get('updated_parsed'))
    entries.append({
        'id': e.get('id'),
        'title': e.get('title'),
        'link': e.get('link'),
        'links': [{'rel': l.get('rel'), 'type': l.get('type'), 'hreflang': l.get('hreflang')} for l in e.get('links', [])],
        'summary': e.get('summary'),
        'language': e.get('title_detail', {}).get('language'),
        'published': published,
        'published_day': published_day,
        'updated': updated,
        'updated_day': updated_day,
    })
print(json.dumps({
    'bozo': bool(feed.bozo),
    'bozo_exception': str(feed.get('bozo_exception', '')),
    'version': feed.version,
    'link': feed.feed.get('link'),
    'language': feed.feed.get('language'),
    'entries': entries,
}))
