"""spaCy components of the tikg pipeline.

``tikg_context`` runs the context rules (actors discovered from their context, victims in an
attack context, actor descriptions, date and figure expressions) over the document text and
stores plain tuples in ``Doc._.tikg_cues``. The gazetteers (known groups, authorities, sectors,
data categories, countries) are in :mod:`ingest.nlp.gazetteer`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from spacy.language import Language
from spacy.tokens import Doc

from ingest.nlp.dates import DateExpr, find_dates
from ingest.nlp.figures import FigureExpr, find_figures
from ingest.nlp.prefilter import LiteralGate
from ingest.nlp.rules import Cue, find_actor_cues, find_actor_descriptions
from ingest.nlp.victim_rules import find_victim_cues

TEXT_KEY = "tikg_text"  # the input text, kept in Doc.user_data: Doc.text is rebuilt per access
MAX_CUES = 400  # per kind and document: bounds the assembly work on pathological input


@dataclass(frozen=True, slots=True)
class DocCues:
    """Everything the context rules found in one document (offsets into ``doc.text``)."""

    actors: tuple[Cue, ...]
    victims: tuple[Cue, ...]
    descriptions: tuple[Cue, ...]
    dates: tuple[DateExpr, ...]
    figures: tuple[FigureExpr, ...]


if not Doc.has_extension("tikg_cues"):
    Doc.set_extension("tikg_cues", default=None)


class ContextRules:
    """Callable component: the rules of one language."""

    def __init__(self, lang: str) -> None:
        self.lang = lang

    def __call__(self, doc: Doc) -> Doc:
        text = doc_text(doc)
        cap = MAX_CUES
        other = "en" if self.lang == "fr" else "fr"
        # news often mixes languages (an English headline over a French summary): the victim
        # cues of the other language run too when its common words appear (the vocabularies
        # hardly overlap); actor cues, looser, only in the document's language
        actors = find_actor_cues(text, self.lang)
        victims = find_victim_cues(text, self.lang)
        if next(_WORDS_GATE.finditer(_WORDS[other], text), None) is not None:
            victims += find_victim_cues(text, other)
        doc._.tikg_cues = DocCues(
            actors=tuple(actors[:cap]),
            victims=tuple(victims[:cap]),
            descriptions=tuple(find_actor_descriptions(text, self.lang)[:cap]),
            dates=tuple(find_dates(text, self.lang)[:cap]),
            figures=tuple(find_figures(text, self.lang)[:cap]),
        )
        return doc


_WORDS = {
    "fr": re.compile(r"\b(?:les|des|une|été|est|contre|victime|attaque|données)\b", re.I),
    "en": re.compile(r"\b(?:the|was|has|been|were|with|data|attack|breach)\b", re.I),
}
_WORDS_GATE = LiteralGate(_WORDS.values())


def doc_text(doc: Doc) -> str:
    """The document's text: the input kept by :func:`make_doc`, else rebuilt from the tokens."""
    text = doc.user_data.get(TEXT_KEY)
    return text if isinstance(text, str) else doc.text


def make_doc(nlp: Language, text: str) -> Doc:
    """Tokenise ``text`` and keep it on the Doc for the components (``nlp.pipe`` takes Docs)."""
    doc = nlp.make_doc(text)
    doc.user_data[TEXT_KEY] = text
    return doc


@Language.factory(
    "tikg_context",
    default_config={"lang": "en"},
    requires=["token.text"],
    assigns=["doc._.tikg_cues"],
)
def make_context_rules(nlp: Language, name: str, lang: str) -> ContextRules:
    return ContextRules(lang)
