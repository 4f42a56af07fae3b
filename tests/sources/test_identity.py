"""Identity: the same item read from two feeds gets one guid and one content hash."""

from __future__ import annotations

import json

from ingest.sources import parse_payload
from ingest.sources._common import canonical_url

RSS = b"""<?xml version="1.0" encoding="utf-8"?>
<rss version="2.0"><channel><title>Feed A</title>
<item><title>Une mutuelle fictive victime d'une fuite de donn&#233;es</title>
<link>https://presse.example.fr/article/mutuelle-fuite?utm_source=feedA&amp;utm_medium=rss</link>
<guid isPermaLink="false">presse-2025-118</guid>
<pubDate>Fri, 04 Apr 2025 06:00:00 GMT</pubDate>
<description><![CDATA[<p>La mutuelle <b>fictive</b> Horizon Sant&eacute; annonce qu'un tiers
 a consult&eacute; des dossiers d'adh&eacute;rents.</p>]]></description>
</item></channel></rss>"""

ATOM = """<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom"><title>Feed B</title><id>urn:b</id>
<updated>2025-04-04T08:00:00+02:00</updated>
<entry><title>Une mutuelle fictive victime d'une fuite de données</title>
<id>presse-2025-118</id>
<link href="https://PRESSE.example.fr/article/mutuelle-fuite?utm_campaign=b#haut"/>
<updated>2025-04-04T08:00:00+02:00</updated>
<content type="html">La mutuelle &lt;i&gt;fictive&lt;/i&gt; Horizon Santé annonce qu'un tiers a
 consulté des dossiers d'adhérents.</content></entry></feed>""".encode()

NO_GUID = b"""<?xml version="1.0"?><rss version="2.0"><channel><title>%s</title>
<item><title>Sans identifiant</title>
<description>Un article de test sans guid ni lien, publi\xc3\xa9 deux fois.</description>
<pubDate>Fri, 04 Apr 2025 06:00:00 GMT</pubDate></item></channel></rss>"""


def test_same_item_in_rss_and_atom() -> None:
    a = parse_payload(RSS, source_id="feed-a").documents[0]
    b = parse_payload(ATOM, source_id="feed-b").documents[0]
    assert a.source_id != b.source_id
    assert a.guid == b.guid == "presse-2025-118"
    assert a.url == b.url == "https://presse.example.fr/article/mutuelle-fuite"
    assert a.title == b.title
    assert a.content_hash == b.content_hash
    assert a.published_at == b.published_at


def test_item_without_guid_or_link_hashes_the_same_in_two_feeds() -> None:
    a = parse_payload(NO_GUID % b"Feed A", source_id="a").documents[0]
    b = parse_payload(NO_GUID % b"Feed B", source_id="b").documents[0]
    assert a.guid == b.guid
    assert a.guid.startswith("sha256:")


def test_leak_post_in_tracker_json_and_rss_shares_the_guid() -> None:
    posts = [{"post_title": "Fenwick &amp; Moss", "group_name": "examplegroup",
              "discovered": "2025-02-03 04:05:06.000007"}]  # fmt: skip
    rss = (
        b"<?xml version='1.0' encoding='utf-8'?><rss version='2.0'><channel><item>"
        b"<title>Fenwick &amp;amp; Moss</title><description>Group: examplegroup</description>"
        b"<pubDate>Mon, 03 Feb 2025 04:05:06 +0000</pubDate>"
        b"<guid>Fenwick &amp;amp; Moss_2025-02-03 04:05:06.000007</guid></item></channel></rss>"
    )
    from_json = parse_payload(json.dumps(posts).encode(), source_id="json").documents[0]
    from_rss = parse_payload(rss, source_id="rss").documents[0]
    assert from_json.guid == from_rss.guid
    assert from_json.content_hash == from_rss.content_hash
    assert from_json.leak and from_rss.leak
    assert from_json.leak.victim == from_rss.leak.victim == "Fenwick & Moss"


def test_two_items_sharing_a_link_keep_distinct_guids() -> None:
    feed = b"""<?xml version="1.0"?><rss version="2.0"><channel><title>T</title>
<item><title>Victime A (FRA)</title><link>https://src.example/shared</link>
<description>Premier r\xc3\xa9sum\xc3\xa9 distinct.</description></item>
<item><title>Victime B (USA)</title><link>https://src.example/shared</link>
<description>Second r\xc3\xa9sum\xc3\xa9 distinct.</description></item>
</channel></rss>"""
    docs = parse_payload(feed, source_id="x").documents
    assert len({d.guid for d in docs}) == 2
    assert all(d.guid.startswith("https://src.example/shared#") for d in docs)


def test_canonical_url() -> None:
    assert (
        canonical_url("HTTPS://News.Example.com:443/a/b?utm_source=x&id=3&fbclid=y#section")
        == "https://news.example.com/a/b?id=3"
    )
    assert canonical_url("http://example.com") == "http://example.com/"
    assert canonical_url("http://example.com:8080/x") == "http://example.com:8080/x"
    assert canonical_url("https://app.example.com/#/profiles?id=g") == (
        "https://app.example.com/#/profiles?id=g"
    )
    assert canonical_url("  ") is None
    assert canonical_url("mailto:desk@example.com") == "mailto:desk@example.com"
