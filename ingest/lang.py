"""Language detection for raw documents: ``fr``, ``en`` or ``other``.

Stage: sources (called by every parser while it builds a ``RawDocument``).
Contract: ``detect_lang(text, hint)`` returns ``hint`` when it is ``fr`` or ``en`` (a configured
source language wins over a guess); otherwise py3langid decides among a small set of European
languages, and anything that is not French or English maps to ``other``. Text too short to say
anything (a victim name, a one-word title) is ``other`` rather than a coin toss.

Why restricted: the full 97-language model often labels short security headlines as Latin,
Esperanto or Malay; restricting to the languages our sources actually publish in (the trackers
relay German, Italian, Portuguese, Dutch, Scandinavian titles) makes the fr/en decision much
more stable, while the extra languages keep those titles out of ``en``.
"""

from __future__ import annotations

import re
from functools import lru_cache

from py3langid.langid import MODEL_FILE, LanguageIdentifier

from ingest.records import Lang

CANDIDATE_LANGUAGES: tuple[str, ...] = (
    "fr", "en", "de", "es", "it", "pt", "nl", "no", "sv", "da", "pl", "ro",
)  # fmt: skip
MIN_LETTERS = 12
MAX_CHARS = 600  # enough for a confident guess; cost grows with length
_LETTER = re.compile(r"[^\W\d_]", re.UNICODE)


@lru_cache(maxsize=1)
def _identifier() -> LanguageIdentifier:
    ident = LanguageIdentifier.from_model_file(MODEL_FILE, norm_probs=True)
    ident.set_languages(list(CANDIDATE_LANGUAGES))
    return ident


def normalise_hint(hint: str | None) -> Lang | None:
    """``fr``/``en`` (any case, ``fr-FR`` style tags included) → that language; else None."""
    if not hint:
        return None
    code = hint.strip().lower().replace("_", "-").split("-")[0]
    if code == "fr":
        return "fr"
    if code == "en":
        return "en"
    return None


def detect_lang(text: str, hint: str | None = "auto", fallback: str | None = None) -> Lang:
    """The language of ``text``; a ``fr``/``en`` hint overrides detection.

    ``fallback`` (e.g. the language a feed declares) is used only when the text is too short
    to detect anything.
    """
    forced = normalise_hint(hint)
    if forced is not None:
        return forced
    if len(_LETTER.findall(text)) < MIN_LETTERS:
        return normalise_hint(fallback) or "other"
    label, _prob = _identifier().classify(text[:MAX_CHARS])
    if label == "fr":
        return "fr"
    if label == "en":
        return "en"
    return "other"
