"""parse_payload / detect_kind: routing, clear errors, bad items that never stop the rest."""

from __future__ import annotations

import json

import pytest

from ingest.sources import KINDS, PARSERS, PayloadError, detect_kind, parse_payload
from tests.sources.golden import CASES, DATA

EXPECTED_KIND = {
    "news_fr.rss": "rss",
    "news_en.atom": "rss",
    "leak_feed.rss": "leak_rss",
    "ransomwatch_posts.json": "ransomwatch",
    "ransomware_live.csv": "ransomware_live_csv",
    "ransomware_live_api.json": "ransomware_live_json",
    "ransomlook_posts.json": "ransomlook",
    "jsonfeed_fr.json": "jsonfeed",
    "telegram_result.json": "telegram",
    "forum_dump.jsonl": "forum_jsonl",
    "article_fr.html": "local",
    "article_en.md": "local",
    "note_fr.txt": "local",
}


def test_kinds_match_the_settings() -> None:
    from typing import get_args

    from tikg.settings import SourceKind

    assert set(get_args(SourceKind)) <= set(KINDS)
    assert set(KINDS) - set(get_args(SourceKind)) == {"local"}


@pytest.mark.parametrize(("name", "kind"), sorted(EXPECTED_KIND.items()))
def test_detect_kind_on_fixtures(name: str, kind: str) -> None:
    assert detect_kind((DATA / name).read_bytes(), name) == kind


def test_sniffing_does_not_need_the_file_name_for_structured_payloads() -> None:
    for name, kind in EXPECTED_KIND.items():
        if kind != "local":
            assert detect_kind((DATA / name).read_bytes(), None) == kind


def test_html_is_sniffed_without_a_name() -> None:
    assert detect_kind((DATA / "article_fr.html").read_bytes()) == "local"


def test_undetectable_payload_names_what_was_tried() -> None:
    with pytest.raises(PayloadError) as info:
        detect_kind(b"just some words", "notes.bin")
    message = str(info.value)
    for tried in ("XML", "CSV", "local article"):
        assert tried in message


def test_unknown_json_shape_names_what_was_tried() -> None:
    with pytest.raises(PayloadError, match="JSON shapes"):
        parse_payload(json.dumps([{"a": 1, "b": 2}]).encode(), source_id="x")


def test_group_catalogue_is_not_a_post_source() -> None:
    data = json.dumps([{"name": "examplegroup", "locations": [], "profile": []}]).encode()
    with pytest.raises(PayloadError, match="read_group_names"):
        detect_kind(data)


def test_unknown_kind_is_rejected() -> None:
    with pytest.raises(PayloadError, match="unknown source kind"):
        parse_payload(b"[]", source_id="x", kind="mastodon")


def test_a_url_string_is_refused() -> None:
    with pytest.raises(TypeError):
        parse_payload("https://example.org/feed.xml", source_id="x")  # type: ignore[arg-type]


def test_wrong_kind_is_a_clear_error() -> None:
    data = (DATA / "news_fr.rss").read_bytes()
    with pytest.raises(PayloadError, match="ransomwatch"):
        parse_payload(data, source_id="x", kind="ransomwatch")


def test_json_news_without_mapping_names_the_missing_fields() -> None:
    data = (DATA / "json_news_mapped.json").read_bytes()
    with pytest.raises(PayloadError) as info:
        parse_payload(data, source_id="x", kind="json_news")
    assert "title" in str(info.value) and "text" in str(info.value)
    with pytest.raises(PayloadError, match="text"):
        parse_payload(data, source_id="x", kind="json_news", mapping={"title": "headline"})
    with pytest.raises(PayloadError, match="summary"):
        parse_payload(
            data, source_id="x", kind="json_news", mapping={"title": "headline", "text": "summary"}
        )


def test_one_broken_element_in_a_json_array() -> None:
    posts = [
        {"post_title": "Alder Vets", "group_name": "examplegroup", "discovered": "2025-01-02"},
        {"post_title": "Broken Element Ltd", "group_name": None, "discovered": "2025-01-03"},
        "not even an object",
        {"post_title": "Cobalt Tiles", "group_name": "examplegroup", "discovered": "2025-01-04"},
    ]
    result = parse_payload(json.dumps(posts).encode(), source_id="x")
    assert result.kind == "ransomwatch"
    victims = [d.leak.victim for d in result.documents if d.leak]
    assert victims == ["Alder Vets", "Cobalt Tiles"]
    assert [e.key for e in result.errors] == ["[1] Broken Element Ltd", "[2]"]
    assert "group_name" in result.errors[0].message


def test_lang_hint_overrides_for_every_kind() -> None:
    for name, kwargs in CASES.items():
        result = parse_payload(
            (DATA / name).read_bytes(), source_id="x", filename=name, lang_hint="fr", **kwargs
        )
        assert {d.lang for d in result.documents} == {"fr"}, name


def test_every_parser_is_registered_once() -> None:
    assert len(set(PARSERS.values())) == len(PARSERS)


def test_sniffing_a_large_bom_payload_cut_inside_a_character() -> None:
    posts = [
        {"post_title": f"Société n°{n}", "group_name": "examplegroup", "discovered": "2025-01-02"}
        for n in range(12_000)
    ]
    data = "\ufeff".encode() + json.dumps(posts, ensure_ascii=False).encode("utf-8")
    assert detect_kind(data) == "ransomwatch"
    utf16 = json.dumps(posts[:50], ensure_ascii=False).encode("utf-16")
    assert detect_kind(utf16) == "ransomwatch"
    assert len(parse_payload(utf16, source_id="x").documents) == 50


def test_local_file_published_is_utc_and_markdown_is_sniffed_without_a_name() -> None:
    from datetime import datetime, timedelta, timezone

    paris = timezone(timedelta(hours=2))
    data = b"# Titre d'essai\n\nUn paragraphe **important** avec un [lien](https://example.fr)."
    assert detect_kind(data, "note.md") == "local"
    doc = parse_payload(
        data,
        source_id="x",
        kind="local",
        published=datetime(2025, 6, 1, 10, 0, tzinfo=paris),
    ).documents[0]
    assert doc.title == "Titre d'essai"
    assert doc.text == "Un paragraphe important avec un lien."
    assert doc.metadata["format"] == "markdown"
    assert doc.published_at is not None
    assert doc.published_at.isoformat() == "2025-06-01T08:00:00+00:00"


def test_tiny_html_falls_back_to_the_tag_stripper() -> None:
    data = b"<html><body><p>Court.</p></body></html>"
    doc = parse_payload(data, source_id="x", filename="court.html").documents[0]
    assert doc.text == "Court."


def test_empty_local_file_is_an_error() -> None:
    with pytest.raises(PayloadError, match="empty"):
        parse_payload(b"  \n", source_id="x", kind="local", filename="vide.txt")
