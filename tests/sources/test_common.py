"""ResultBuilder.collect and required_timestamp: the per-item contract every parser relies on."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest
from pydantic import BaseModel

from ingest.records import RawDocument
from ingest.sources._common import (
    ParseContext,
    ResultBuilder,
    build_news_document,
    required_timestamp,
)

CTX = ParseContext(source_id="test")


class Post(BaseModel):
    title: str
    when: str


def post_document(item: object) -> RawDocument | None:
    post = Post.model_validate(item)
    if post.title == "skip":
        return None
    return build_news_document(
        CTX,
        "test",
        guid=post.title,
        url=None,
        title=post.title,
        text="body",
        published=required_timestamp("when", post.when),
    )


def test_collect_keeps_documents_and_errors_in_item_order() -> None:
    out = ResultBuilder("test")
    items = [
        {"title": "a", "when": "2025-03-01T10:00:00Z"},
        {"title": "b"},
        {"title": "skip", "when": "whenever"},
        {"title": "c", "when": "soon"},
        {"title": "d", "when": "2025-03-02"},
    ]
    for index, item in enumerate(items):
        out.collect(f"[{index}]", post_document, item)
    result = out.result()
    assert [d.guid for d in result.documents] == ["a", "d"]
    assert [(e.key, e.message) for e in result.errors] == [
        ("[1]", "when: Field required"),
        ("[3]", "when is not a date: 'soon'"),
    ]


def test_collect_lets_other_exceptions_through() -> None:
    def broken() -> RawDocument | None:
        raise KeyError("bug")

    with pytest.raises(KeyError):
        ResultBuilder("test").collect("[0]", broken)


def test_required_timestamp() -> None:
    assert required_timestamp("posted_at", 0) == datetime(1970, 1, 1, tzinfo=UTC)
    with pytest.raises(ValueError, match=r"^posted_at is not a date: None$"):
        required_timestamp("posted_at", None)
    with pytest.raises(ValueError, match=r"^discovered is not a date: ''$"):
        required_timestamp("discovered", "")
