"""Reads newsboat's cache (SQLite, written by `newsboat -x reload`) with /usr/bin/python3 and prints, as JSON, the
feed's website and title and every article as newsboat stores it (title, url, pubDate, content), newest first, with
the calendar day newsboat shows for it in this process's time zone (TZ)."""
import json
import sqlite3
import sys
import time

db = sqlite3.connect(sys.argv[1])
feeds = [{'rssurl': r[0], 'url': r[1], 'title': r[2]} for r in db.execute('select rssurl, url, title from rss_feed')]
items = [{
    'title': r[0], 'url': r[1], 'pubDate': r[2], 'content': r[3],
    'day': time.strftime('%Y-%m-%d', time.localtime(r[2])),
} for r in db.execute('select title, url, pubDate, content from rss_item order by pubDate desc, id asc')]
print(json.dumps({'feeds': feeds, 'items': items}))
