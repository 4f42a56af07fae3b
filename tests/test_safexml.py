"""ingest.safexml: hostile XML is refused, ordinary (even broken) feeds pass."""

from __future__ import annotations

from pathlib import Path

import feedparser
import pytest

from ingest.safexml import HostileXmlError, check_xml

RSS = """<?xml version="1.0" encoding="{enc}"?>
<rss version="2.0"><channel><title>Veille cyber</title><link>https://news.example/</link>
<item><title>Le groupe revendique une attaque contre l'hôpital</title>
<link>https://news.example/a</link><guid>a</guid>
<description><![CDATA[<p>Selon le groupe, 320 000 dossiers auraient été volés.</p>]]></description>
<pubDate>Tue, 03 Jun 2025 10:00:00 GMT</pubDate></item>
</channel></rss>
"""

BILLION_LAUGHS = b"""<?xml version="1.0"?>
<!DOCTYPE rss [
 <!ENTITY lol "lol">
 <!ENTITY lol1 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">
 <!ENTITY lol2 "&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;">
 <!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">
 <!ENTITY lol4 "&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;">
 <!ENTITY lol5 "&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;">
 <!ENTITY lol6 "&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;">
 <!ENTITY lol7 "&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;">
 <!ENTITY lol8 "&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;">
 <!ENTITY lol9 "&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;">
]>
<rss version="2.0"><channel><title>&lol9;</title></channel></rss>
"""


def rss(encoding: str = "utf-8") -> bytes:
    return RSS.format(enc=encoding).encode(encoding)


def test_billion_laughs_is_hostile() -> None:
    with pytest.raises(HostileXmlError) as caught:
        check_xml(BILLION_LAUGHS)
    assert "entity declaration 'lol'" in str(caught.value)
    assert "\n" not in str(caught.value)


def test_quadratic_blowup_is_hostile() -> None:
    big = "A" * 100_000
    doc = (
        f'<?xml version="1.0"?><!DOCTYPE rss [<!ENTITY a "{big}">]>'
        f"<rss><channel><title>{'&a;' * 10_000}</title></channel></rss>"
    ).encode()
    with pytest.raises(HostileXmlError) as caught:
        check_xml(doc)
    assert "entity declaration 'a'" in str(caught.value)
    assert len(str(caught.value)) < 300  # the entity's value is not echoed


@pytest.mark.parametrize("kind", ["SYSTEM", "PUBLIC"])
def test_external_entity_is_hostile_and_never_read(
    tmp_path: Path, kind: str, capsys: pytest.CaptureFixture[str]
) -> None:
    secret = tmp_path / "secret.txt"
    marker = "TOP-SECRET-7f3a9c"
    secret.write_text(marker, encoding="utf-8")
    ident = f'SYSTEM "{secret.as_uri()}"' if kind == "SYSTEM" else f'PUBLIC "-//x//y" "{secret}"'
    doc = (
        f'<?xml version="1.0"?><!DOCTYPE rss [<!ENTITY xxe {ident}>]>'
        "<rss><channel><title>&xxe;</title></channel></rss>"
    ).encode()
    with pytest.raises(HostileXmlError) as caught:
        check_xml(doc)
    err = caught.value
    assert "external entity 'xxe'" in str(err)
    assert kind in str(err)
    rendered = [str(err), repr(err), err.reason, *map(str, err.args)]
    assert all(marker not in text for text in rendered)
    assert marker not in repr(err.__context__)
    printed = capsys.readouterr()
    assert marker not in printed.out and marker not in printed.err


def test_external_parameter_entity_is_hostile() -> None:
    doc = (
        b'<?xml version="1.0"?><!DOCTYPE rss [<!ENTITY % ext SYSTEM "http://127.0.0.1:9/x.dtd">'
        b"%ext;]><rss/>"
    )
    with pytest.raises(HostileXmlError, match="external entity 'ext'"):
        check_xml(doc)


def test_entity_declared_behind_a_syntax_error_is_hostile() -> None:
    # expat stops at the junk before the DTD; the prolog scan still finds the declaration.
    doc = b'junk <!DOCTYPE rss [<!ENTITY a "aaaa">]><rss><title>&a;</title></rss>'
    with pytest.raises(HostileXmlError, match="not well-formed"):
        check_xml(doc)


def test_entity_declared_after_a_comment_in_a_broken_document_is_hostile() -> None:
    doc = b'<!-- see <a href="x">x</a> --> junk <!DOCTYPE r [<!ENTITY a "b">]><r>&a;</r>'
    with pytest.raises(HostileXmlError):
        check_xml(doc)


@pytest.mark.parametrize("encoding", ["utf-8", "iso-8859-1", "utf-16"])
def test_ordinary_rss_passes(encoding: str) -> None:
    data = rss(encoding)
    if encoding == "utf-16":
        assert data[:2] in (b"\xff\xfe", b"\xfe\xff")  # Python writes a BOM
    check_xml(data)
    assert feedparser.parse(data).entries[0].title.startswith("Le groupe revendique")


def test_utf16_bom_feed_with_entities_is_still_hostile() -> None:
    doc = '<?xml version="1.0" encoding="utf-16"?><!DOCTYPE r [<!ENTITY a "b">]><r>&a;</r>'
    with pytest.raises(HostileXmlError):
        check_xml(doc.encode("utf-16"))


def test_truncated_rss_is_not_hostile() -> None:
    data = rss()
    truncated = data[: len(data) // 2]
    check_xml(truncated)
    parsed = feedparser.parse(truncated)
    assert parsed.bozo  # feedparser sees the damage and copes with it itself


def test_html_entities_in_a_loose_feed_are_not_hostile() -> None:
    check_xml(b"<rss><channel><title>caf&eacute; &nbsp; &amp;</title></channel></rss>")


def test_rss091_public_doctype_is_allowed() -> None:
    doc = (
        b'<?xml version="1.0"?><!DOCTYPE rss PUBLIC "-//Netscape Communications//DTD RSS 0.91//EN"'
        b' "http://my.netscape.com/publish/formats/rss-0.91.dtd">'
        b'<rss version="0.91"><channel><title>t</title></channel></rss>'
    )
    check_xml(doc)


def test_entity_syntax_inside_cdata_is_content_not_a_declaration() -> None:
    doc = (
        b"<rss><channel><item><description><![CDATA[XXE payload: "
        b'<!DOCTYPE x [<!ENTITY e SYSTEM "file:///etc/passwd">]>]]></description></item>'
        b"</channel></rss>"
    )
    check_xml(doc)
    check_xml(doc[:-20])  # the same article in a truncated feed


def test_large_feed_passes() -> None:
    item = (
        "<item><title>Item {n}</title><link>https://news.example/{n}</link>"
        "<description>&lt;p&gt;revendication numéro {n}&lt;/p&gt;</description></item>"
    )
    body = "".join(item.format(n=n) for n in range(40_000))
    doc = f'<?xml version="1.0" encoding="utf-8"?><rss><channel>{body}</channel></rss>'.encode()
    assert len(doc) > 5_000_000
    check_xml(doc)


def test_empty_and_non_xml_input_is_not_hostile() -> None:
    check_xml(b"")
    check_xml(b'{"not": "xml"}')
    check_xml(b"\x00\xff\xfe garbage")
