"""Leak-group catalogues (``groups.json`` of ransomwatch / ransomware.live).

Stage: sources (reference data, not documents). Contract: ``read_group_names(data)`` returns
the group names of a catalogue, in file order, without duplicates. A catalogue is a JSON array
of ``{name, captcha, parser, javascript_render, meta, locations[], profile[]}`` objects; only
``name`` is read, and ``meta`` is available through :func:`read_groups` for a gazetteer that
wants to drop entries that are not ransomware groups (marketplaces, forums).

Why here: the NLP gazetteer needs known group names; this keeps the catalogue format in the
sources package with the other tracker formats. Location addresses are never read or followed.
"""

from __future__ import annotations

from pydantic import BaseModel, ConfigDict, ValidationError

from ingest.sources._common import load_json


class GroupEntry(BaseModel):
    """One catalogue entry, in the catalogue's field names (only what we use)."""

    model_config = ConfigDict(extra="ignore", frozen=True)

    name: str
    meta: str | None = None


def read_groups(data: bytes) -> tuple[GroupEntry, ...]:
    """All entries of a group catalogue; a ``ValueError`` names the first bad entry."""
    payload = load_json(data)
    if not isinstance(payload, list):
        raise ValueError("a group catalogue is a JSON array of {name, locations, ...} objects")
    entries: list[GroupEntry] = []
    for index, item in enumerate(payload):
        try:
            entries.append(GroupEntry.model_validate(item))
        except ValidationError as exc:
            raise ValueError(f"group catalogue entry [{index}]: {exc.errors()[0]['msg']}") from None
    return tuple(entries)


def read_group_names(data: bytes) -> tuple[str, ...]:
    """Group names of a catalogue, stripped, in file order, first occurrence kept."""
    names = (" ".join(e.name.split()) for e in read_groups(data))
    return tuple(dict.fromkeys(n for n in names if n))
