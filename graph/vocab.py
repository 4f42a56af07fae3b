"""The graph vocabulary: every node label and relationship type, declared once.

This is the allow-list. A label or relationship type may be interpolated into Cypher only after
:func:`label` / :func:`rel_type` has checked it against these enums; values always travel as
parameters. ``tests/test_vocab.py`` tries to inject through both.
"""

from __future__ import annotations

from enum import StrEnum


class Label(StrEnum):
    THREAT_ACTOR = "ThreatActor"
    ORGANIZATION = "Organization"
    INCIDENT = "Incident"
    CLAIM = "Claim"
    REPORT = "Report"
    SOURCE = "Source"
    SECTOR = "Sector"
    COUNTRY = "Country"
    DATA_CATEGORY = "DataCategory"
    AUTHORITY = "Authority"


class RelType(StrEnum):
    # provenance
    PUBLISHED = "PUBLISHED"  # (Source)->(Report)
    ASSERTS = "ASSERTS"  # (Report)->(Claim)
    SPOKEN_BY = "SPOKEN_BY"  # (Claim)->(ThreatActor|Organization|Authority)
    ABOUT = "ABOUT"  # (Claim)->(Incident)
    SUBJECT = "SUBJECT"  # (Claim)->(ThreatActor|DataCategory|Authority|...)
    # incident structure
    AGAINST = "AGAINST"  # (Incident)->(Organization)
    MENTIONS = "MENTIONS"  # (Report)->(any entity)
    IN_SECTOR = "IN_SECTOR"  # (Organization)->(Sector)
    LOCATED_IN = "LOCATED_IN"  # (Organization)->(Country)
    EXPOSED = "EXPOSED"  # (Incident)->(DataCategory)
    NOT_EXPOSED = "NOT_EXPOSED"  # (Incident)->(DataCategory)
    INVOLVES = "INVOLVES"  # (Incident)->(Authority)
    # derived convenience edges (actor -> incident), strongest modality wins
    CLAIMED = "CLAIMED"
    ALLEGEDLY_BEHIND = "ALLEGEDLY_BEHIND"
    REPORTED_BEHIND = "REPORTED_BEHIND"
    CONFIRMED_BEHIND = "CONFIRMED_BEHIND"
    DENIED = "DENIED"
    TARGETED = "TARGETED"  # (ThreatActor)->(Organization), derived
    # resolution
    SAME_AS = "SAME_AS"
    SUBSIDIARY_OF = "SUBSIDIARY_OF"


#: Each label's key property: a deterministic id (uuid5 of the normalised name).
KEY_PROPERTY = "key"


def label(value: str) -> str:
    """Return ``value`` if it is an allowed label, else raise ``ValueError``."""
    try:
        return Label(value).value
    except ValueError:
        raise ValueError(f"not an allowed node label: {value!r}") from None


def rel_type(value: str) -> str:
    """Return ``value`` if it is an allowed relationship type, else raise ``ValueError``."""
    try:
        return RelType(value).value
    except ValueError:
        raise ValueError(f"not an allowed relationship type: {value!r}") from None
