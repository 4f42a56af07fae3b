"""Encoding faults and broken feeds: nothing readable is lost."""

from __future__ import annotations

import codecs

import pytest

from ingest.sources import parse_payload

FEED = """<?xml version="1.0" encoding="{label}"?>
<rss version="2.0"><channel><title>Flux d'essai</title>
<item><title>Intrusion à l'hôpital de Préville</title><link>https://essai.example.fr/a</link>
<guid>essai-a</guid><pubDate>Mon, 05 May 2025 10:00:00 +0200</pubDate>
<description>Le centre hospitalier fictif a détecté une intrusion et prévenu l'ANSSI.
</description></item>
<item><title>Rançongiciel chez un équipementier</title><link>https://essai.example.fr/b</link>
<guid>essai-b</guid><pubDate>Tue, 06 May 2025 11:00:00 +0200</pubDate>
<description>Un équipementier fictif annonce l'arrêt de deux usines après une attaque.
</description></item>
<item><title>Troisième élément</title><link>https://essai.example.fr/c</link>
<guid>essai-c</guid>
<description>Ce texte est coupé avant la fin du flux d'essai.</description></item>
</channel></rss>
"""
TITLES = ["Intrusion à l'hôpital de Préville", "Rançongiciel chez un équipementier"]


def _titles(data: bytes) -> list[str]:
    return [d.title for d in parse_payload(data, source_id="enc").documents]


@pytest.mark.parametrize("label", ["ISO-8859-1", "windows-1252", "latin-1"])
def test_latin1_labelled_utf8_is_read_as_utf8(label: str) -> None:
    data = FEED.format(label=label).encode("utf-8")
    result = parse_payload(data, source_id="enc")
    assert [d.title for d in result.documents][:2] == TITLES
    assert all("Ã" not in d.text for d in result.documents)
    assert any("encoding" in w for w in result.warnings)


def test_real_latin1_stays_latin1() -> None:
    data = FEED.format(label="ISO-8859-1").encode("latin-1", errors="replace")
    assert _titles(data)[:2] == TITLES


@pytest.mark.parametrize("encoding", ["utf-16-le", "utf-16-be"])
def test_utf16_with_bom(encoding: str) -> None:
    bom = codecs.BOM_UTF16_LE if encoding.endswith("le") else codecs.BOM_UTF16_BE
    data = bom + FEED.format(label="UTF-16").encode(encoding)
    result = parse_payload(data, source_id="enc")
    assert [d.title for d in result.documents][:2] == TITLES
    assert result.documents[0].lang == "fr"


def test_utf8_bom_is_fine() -> None:
    data = codecs.BOM_UTF8 + FEED.format(label="utf-8").encode("utf-8")
    assert _titles(data)[:2] == TITLES


def test_truncated_feed_keeps_items_before_the_cut() -> None:
    full = FEED.format(label="utf-8").encode("utf-8")
    cut = full[: full.index(b"Ce texte est")]
    result = parse_payload(cut, source_id="enc", kind="rss")
    assert [d.title for d in result.documents][:2] == TITLES
    assert result.documents[0].guid == "essai-a"
    assert result.documents[0].published_at is not None
    assert any("bozo" in w for w in result.warnings)


def test_truncated_leak_feed_falls_back_and_keeps_items() -> None:
    items = "".join(
        f"<item><title>Victime fictive {n}</title><description>Group: exemple</description>"
        f"<pubDate>Mon, 0{n} Jun 2025 10:00:00 +0000</pubDate><guid>v{n}</guid></item>"
        for n in range(1, 6)
    )
    data = f"<?xml version='1.0' encoding='utf-8'?><rss version='2.0'><channel>{items}".encode()
    cut = data[: data.index(b"Victime fictive 5")]
    result = parse_payload(cut, source_id="leak", kind="leak_rss")
    assert [d.leak.victim for d in result.documents if d.leak] == [
        f"Victime fictive {n}" for n in range(1, 5)
    ]
    assert result.warnings  # recovered from the malformed XML, and said so


def test_garbage_is_an_error_entry_not_an_exception() -> None:
    result = parse_payload(b"<rss><channel><item><title>", source_id="x", kind="rss")
    assert result.errors
