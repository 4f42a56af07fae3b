"""Extraction stage: text in, :class:`~ingest.records.ExtractedReport` out.

This is the only module that reads a spaCy ``Doc``: it turns each one into a plain
:class:`~ingest.nlp.view.DocView` and hands that to the rules (entities, incidents). Pipelines
are loaded once per :class:`Extractor` and documents go through ``nlp.pipe`` in batches.

Offsets in the output refer to the analysed text: the title, a blank line, then the body (just
the body when there is no title), after zero-width and control characters are replaced by
spaces (same length, so offsets still match the input) and the text is capped at
``nlp.max_chars``.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from datetime import date, datetime
from typing import TYPE_CHECKING, Any

from ingest.records import (
    ExtractedActor,
    ExtractedActorLink,
    ExtractedDate,
    ExtractedFigure,
    ExtractedIncident,
    ExtractedMention,
    ExtractedReport,
    ExtractedVictim,
    Lang,
    RawDocument,
)
from tikg.settings import NlpSettings

if TYPE_CHECKING:
    from spacy.language import Language
    from spacy.tokens import Doc

    from ingest.nlp.view import DocView

EXTRACTOR_VERSION = "tikg-extract 0.6.0"
MAX_SENTENCE = 1500  # characters; longer runs without a full stop are cut
MAX_SPANS = 3000  # gazetteer spans read per document

_INVISIBLE = re.compile(
    r"[\u200b-\u200f\u2028-\u202e\u2060-\u206f\ufeff\x00-\x08\x0b\x0c\x0e-\x1f]"
)
_LABELS = {
    "ACTOR": "actor",
    "ACTOR_AMBIG": "actor",
    "AUTHORITY": "authority",
    "SECTOR": "sector",
    "COUNTRY": "country",
    "DATA": "data_category",
}


@dataclass(frozen=True, slots=True)
class ExtractInput:
    """One document to extract from (the ``tikg extract`` JSONL input line)."""

    id: str
    text: str
    title: str = ""
    published: date | None = None
    lang: str | None = None  # fr | en | None (detected)

    @classmethod
    def from_raw(cls, raw: RawDocument) -> ExtractInput:
        pub = raw.published_at.date() if raw.published_at else None
        lang = raw.lang if raw.lang in ("fr", "en") else None
        text = raw.full_text or raw.text
        return cls(id=raw.guid, text=text, title=raw.title, published=pub, lang=lang)


def parse_published(value: Any) -> date | None:
    """'2025-12-08', '2025-12-08T10:00:00Z', a date or a datetime -> date; else None."""
    if value is None or value == "":
        return None
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    text = str(value).strip()
    try:
        return datetime.fromisoformat(text.replace("Z", "+00:00")).date()
    except ValueError:
        pass
    try:
        from email.utils import parsedate_to_datetime

        return parsedate_to_datetime(text).date()
    except (TypeError, ValueError, IndexError):
        return None


def clean_text(text: str, max_chars: int) -> tuple[str, list[str]]:
    warnings: list[str] = []
    if len(text) > max_chars:
        warnings.append(f"text truncated to {max_chars} characters")
        text = text[:max_chars]
    text = _INVISIBLE.sub(" ", text)
    if "\ufffd" in text and text.count("\ufffd") > len(text) // 20:
        warnings.append("text looks like binary data")
    return text, warnings


_identifier: Any = None


def detect_language(text: str) -> Lang:
    """'fr' or 'en' (py3langid restricted to the two languages we extract)."""
    global _identifier
    if not text.strip():
        return "en"
    if _identifier is None:
        from py3langid.langid import MODEL_DIR, MODEL_FILE, LanguageIdentifier

        ident = LanguageIdentifier.from_model_file(MODEL_DIR / MODEL_FILE, norm_probs=True)
        ident.set_languages(["fr", "en"])
        _identifier = ident
    lang, _ = _identifier.classify(text[:5000])
    return "fr" if lang == "fr" else "en"


class Extractor:
    """Loads each language's pipeline once; extracts one document or many."""

    def __init__(self, settings: NlpSettings | None = None) -> None:
        self.settings = settings or NlpSettings()
        self._pipelines: dict[str, Language] = {}

    def pipeline(self, lang: str) -> Language:
        lang = "fr" if lang == "fr" else "en"
        if lang not in self._pipelines:
            from ingest.nlp import build_pipeline

            self._pipelines[lang] = build_pipeline(lang, self.settings)
        return self._pipelines[lang]

    def prepare(self, item: ExtractInput) -> tuple[str, str, list[str]]:
        """(language, analysed text, warnings)."""
        body = item.text or ""
        title = (item.title or "").strip()
        full = f"{title}\n\n{body}" if title and not body.startswith(title) else body
        text, warnings = clean_text(full, self.settings.max_chars)
        lang = item.lang if item.lang in ("fr", "en") else detect_language(text)
        if not text.strip():
            warnings.append("empty text")
        return lang, text, warnings

    def extract(self, item: ExtractInput) -> ExtractedReport:
        return next(iter(self.extract_many([item])))

    def extract_many(
        self, items: Iterable[ExtractInput], batch_size: int | None = None
    ) -> Iterator[ExtractedReport]:
        """Reports in input order; each language's documents go through ``nlp.pipe``."""
        size = batch_size or self.settings.batch_size
        chunk: list[ExtractInput] = []
        for item in items:
            chunk.append(item)
            if len(chunk) >= size * 4:
                yield from self._run(chunk, size)
                chunk = []
        if chunk:
            yield from self._run(chunk, size)

    def _run(self, chunk: list[ExtractInput], size: int) -> list[ExtractedReport]:
        from ingest.nlp.components import make_doc

        prepared = [self.prepare(item) for item in chunk]
        out: list[ExtractedReport | None] = [None] * len(chunk)
        for lang in ("fr", "en"):
            idx = [i for i, p in enumerate(prepared) if p[0] == lang]
            if not idx:
                continue
            nlp = self.pipeline(lang)
            docs = nlp.pipe((make_doc(nlp, prepared[i][1]) for i in idx), batch_size=size)
            for i, doc in zip(idx, docs, strict=True):
                view = doc_view(doc, chunk[i], lang)
                out[i] = build_report(view, prepared[i][2])
        return [r for r in out if r is not None]


def _sentences(doc: Doc, text: str) -> list[tuple[int, int]]:
    """Sentence character spans from the SENT_START array (faster than ``doc.sents``)."""
    from spacy.attrs import IDX, SENT_START

    arr = doc.to_array([SENT_START, IDX])
    first = arr[:, 0] == 1
    first[0] = True
    starts: list[int] = arr[first, 1].tolist()
    ends = [*starts[1:], len(text)]
    return [(s, e) for s, e in zip(starts, ends, strict=True)]


def doc_view(doc: Doc, item: ExtractInput, lang: str) -> DocView:
    """The only place a spaCy Doc is read."""
    from ingest.nlp.components import doc_text
    from ingest.nlp.view import DocView

    title = (item.title or "").strip()
    text = doc_text(doc)
    return DocView(
        id=item.id,
        lang=lang,
        text=text,
        published=item.published,
        sentences=_split_lines(text, _sentences(doc, text)) if len(doc) else (),
        gazetteer=doc._.tikg_gaz[:MAX_SPANS],
        ents=(),
        cues=doc._.tikg_cues,
        title=title if text.startswith(title) else "",
    )


_ABBREV = re.compile(r"\b(?:Inc|Ltd|Corp|Co|Dr|St|Jr|No|Mr|Mrs|Ms|M|Mme|LLC|S\.A|U\.S|U\.K)\.\s*$")


def _joined(text: str, prev: tuple[int, int]) -> bool:
    """A parser boundary not after a full stop / line break, or after an abbreviation."""
    raw = text[prev[0] : prev[1]]
    if "\n" in raw[-2:]:
        return False
    body = raw.rstrip()
    return not body.endswith((".", "!", "?", "…", "»", '"', "”", ")")) or bool(_ABBREV.search(body))


def _split_lines(text: str, sents: list[tuple[int, int]]) -> tuple[tuple[int, int], ...]:
    """Sentences, also cut at line breaks (headings have no final stop); a sentence that ends
    with an abbreviation ("Inc.", "Dr.") is joined to the next one."""
    merged: list[tuple[int, int]] = []
    for s, e in sents:
        if merged and _joined(text, merged[-1]):
            merged[-1] = (merged[-1][0], e)
        else:
            merged.append((s, e))
    out: list[tuple[int, int]] = []
    for s, e in merged:
        start = s
        pos = text.find("\n", s, e)
        while pos != -1:
            if text[start:pos].strip():
                out.append((start, pos + 1))
                start = pos + 1
            pos = text.find("\n", pos + 1, e)
        if text[start:e].strip() or not out:
            out.append((start, e))
    return tuple(_chunk(text, out))


def _chunk(text: str, sents: list[tuple[int, int]]) -> Iterator[tuple[int, int]]:
    """Cut over-long "sentences" (a 2 MB paragraph) so sentence-level rules stay cheap."""
    for s, e in sents:
        while e - s > MAX_SENTENCE:
            cut = text.rfind(" ", s + MAX_SENTENCE // 2, s + MAX_SENTENCE)
            cut = cut + 1 if cut > s else s + MAX_SENTENCE
            yield (s, cut)
            s = cut
        yield (s, e)


def build_report(view: DocView, warnings: list[str]) -> ExtractedReport:
    from ingest.nlp.entities import find_entities, names_a_tool
    from ingest.nlp.incidents import Assembler

    ents = find_entities(view)
    drafts = Assembler(view, ents).run()
    actors = tuple(
        ExtractedActor(
            name=a.name,
            key=a.key,
            aliases=tuple(sorted(f for f in a.forms if f != a.name)),
            known=a.known,
            description=a.description,
            evidence=view.evidence(a.first),
            confidence=a.confidence,
        )
        for a in sorted(ents.actors.values(), key=lambda a: a.first)
    )
    victims: list[ExtractedVictim] = []
    incidents: list[ExtractedIncident] = []
    for v in sorted(ents.victims.values(), key=lambda v: v.first):
        draft = drafts.get(v.key)
        sector = draft.sectors.most_common(1)[0][0] if draft and draft.sectors else None
        country = v.country or (
            draft.countries.most_common(1)[0][0] if draft and draft.countries else None
        )
        ev = view.evidence(v.cue_pos) if view.text else None
        victims.append(
            ExtractedVictim(v.name, sector, country, None, v.role, ev, min(v.strength, 0.95))
        )
        if draft is None:
            continue
        incidents.append(
            ExtractedIncident(
                victim=v.name,
                sector=sector,
                country=country,
                actors=tuple(draft.links.values()),
                dates=tuple(sorted(draft.dates.values(), key=lambda d: d.date)),
                figures=tuple(draft.figures),
                data_exposed=tuple(draft.exposed.values()),
                data_not_exposed=tuple(draft.not_exposed.values()),
                authorities=tuple(draft.authorities.values()),
                evidence=ev,
                confidence=min(v.strength, 0.95),
            )
        )
    authorities = {a.name: a for inc in incidents for a in inc.authorities}
    mentions = [
        ExtractedMention(g.text, _LABELS.get(g.label, g.label.lower()), g.start, g.end, g.key)
        for g in view.gazetteer
        if not g.label.startswith("ACTOR")
        or (g.key in ents.actors and not names_a_tool(view.text, g.end))
    ]
    for m in ents.mentions:
        if not m.resolved:
            label = "actor" if m.kind == "actor" else "organization"
            mentions.append(
                ExtractedMention(view.text[m.start : m.end], label, m.start, m.end, m.key)
            )
    mentions += [ExtractedMention(d.text, "date", d.start, d.end) for d in view.cues.dates]
    mentions += [ExtractedMention(f.text, "figure", f.start, f.end) for f in view.cues.figures]
    mentions.sort(key=lambda m: (m.start, m.end))
    return ExtractedReport(
        id=view.id,
        lang="fr" if view.lang == "fr" else "en",
        extractor_version=EXTRACTOR_VERSION,
        actors=actors,
        victims=tuple(victims),
        authorities=tuple(authorities.values()),
        incidents=tuple(incidents),
        mentions=tuple(dict.fromkeys(mentions)),
        published=view.published.isoformat() if view.published else None,
        warnings=tuple(warnings),
    )


def extract_report(
    item: ExtractInput | RawDocument,
    *,
    extractor: Extractor | None = None,
    settings: NlpSettings | None = None,
) -> ExtractedReport:
    """Extract one document (a leak post goes through :func:`leak_report`, without spaCy)."""
    if isinstance(item, RawDocument):
        if item.leak is not None:
            return leak_report(item)
        item = ExtractInput.from_raw(item)
    return (extractor or Extractor(settings)).extract(item)


def leak_report(raw: RawDocument) -> ExtractedReport:
    """A leak-site post: the group claims the victim (modality claimed, speaker = the group)."""
    from ingest.nlp.entities import actor_names
    from ingest.nlp.figures import find_figures
    from ingest.nlp.names import norm

    leak = raw.leak
    assert leak is not None
    display, alias = actor_names()
    key = alias.get(norm(leak.actor))
    name = display.get(key, leak.actor) if key else leak.actor
    actor = ExtractedActor(name, key or "actor:" + norm(leak.actor), (), key is not None)
    link = ExtractedActorLink(name, "claimed", name, "actor", None, 0.9)
    when = leak.published_at or leak.discovered_at or raw.published_at
    dates = (
        (ExtractedDate("claimed", when.date().isoformat(), "day", "", None, 0.9),) if when else ()
    )
    figures: list[ExtractedFigure] = []
    for raw_fig in leak.figures:
        for f in find_figures(raw_fig, "en"):
            figures.append(
                ExtractedFigure(f.value, f.unit, f.counts, name, "claimed", "actor", f.text)
            )
    victim = ExtractedVictim(leak.victim, leak.activity, leak.country, leak.website)
    incident = ExtractedIncident(
        victim=leak.victim,
        sector=leak.activity,
        country=leak.country,
        actors=(link,),
        dates=dates,
        figures=tuple(figures),
        confidence=0.9,
    )
    return ExtractedReport(
        id=raw.guid,
        lang=raw.lang,
        extractor_version=EXTRACTOR_VERSION,
        actors=(actor,),
        victims=(victim,),
        incidents=(incident,),
        published=raw.published_at.date().isoformat() if raw.published_at else None,
    )
