"""``tikg extract`` (text -> JSON, no database) and ``tikg eval`` (dev-set P/R/F1).

spaCy and the extractor are imported inside the commands: loading them takes seconds, and
``tikg --help`` should not pay for it.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any

import typer
from rich.table import Table

from tikg.cli.state import get_state, out

if TYPE_CHECKING:
    from ingest.evaluate import Score

REPO = Path(__file__).resolve().parents[2]


class ExtractError(Exception):
    """Bad input for ``tikg extract`` / ``tikg eval``; the message is one line."""

    exit_code = 2


def _read_text(path: str) -> str:
    if path == "-":
        data = sys.stdin.buffer.read()
    else:
        p = Path(path)
        if not p.is_file():
            raise ExtractError(f"no such file: {path}")
        data = p.read_bytes()
    return data.decode("utf-8", errors="replace")


def _input_rows(path: Path) -> Any:
    from ingest.extract import ExtractInput, parse_published

    if not path.is_file():
        raise ExtractError(f"no such file: {path}")
    with path.open(encoding="utf-8", errors="replace") as fh:
        for n, line in enumerate(fh, 1):
            if not line.strip():
                continue
            try:
                row = json.loads(line)
            except json.JSONDecodeError as exc:
                raise ExtractError(f"{path}:{n}: invalid JSON ({exc.msg})") from None
            if not isinstance(row, dict):
                raise ExtractError(f"{path}:{n}: expected a JSON object")
            lang = row.get("lang")
            yield ExtractInput(
                id=str(row.get("id", n)),
                text=str(row.get("text") or ""),
                title=str(row.get("title") or ""),
                published=parse_published(row.get("published")),
                lang=lang if lang in ("fr", "en") else None,
            )


def register(app: typer.Typer) -> None:
    """Add ``extract`` and ``eval`` to the root app."""

    @app.command("extract")
    def extract(
        ctx: typer.Context,
        path: Annotated[
            str | None, typer.Argument(help="Text file to extract from, or - for stdin.")
        ] = None,
        published: Annotated[
            str | None, typer.Option(help="Publication date (YYYY-MM-DD) for relative dates.")
        ] = None,
        lang: Annotated[str, typer.Option(help="fr, en or auto.")] = "auto",
        fmt: Annotated[str, typer.Option("--format", help="json or jsonl.")] = "json",
        title: Annotated[str, typer.Option(help="Title of the document.")] = "",
        doc_id: Annotated[str, typer.Option("--id", help="Document id.")] = "stdin",
        input_path: Annotated[
            Path | None,
            typer.Option("--input", help="JSONL of documents (id, title, text, published, lang)."),
        ] = None,
        output: Annotated[
            Path | None, typer.Option("--output", help="JSONL output (default: stdout).")
        ] = None,
        batch_size: Annotated[
            int | None, typer.Option(help="Documents per nlp.pipe batch.")
        ] = None,
    ) -> None:
        """Extract actors, victims, incidents, dates, figures and claims (JSON, no database)."""
        from ingest.extract import ExtractInput, Extractor, parse_published

        if lang not in ("fr", "en", "auto"):
            raise ExtractError(f"--lang must be fr, en or auto, not {lang!r}")
        if fmt not in ("json", "jsonl"):
            raise ExtractError(f"--format must be json or jsonl, not {fmt!r}")
        if (path is None) == (input_path is None):
            raise ExtractError("give a PATH (or -) or --input FILE, not both")
        pub = parse_published(published) if published else None
        if published and pub is None:
            raise ExtractError(f"--published: not a date: {published!r}")
        extractor = Extractor(get_state(ctx).settings.nlp)
        if path is not None:
            item = ExtractInput(
                id=doc_id,
                text=_read_text(path),
                title=title,
                published=pub,
                lang=None if lang == "auto" else lang,
            )
            data = extractor.extract(item).to_json()
            indent = 2 if fmt == "json" else None
            typer.echo(json.dumps(data, ensure_ascii=False, indent=indent))
            return
        assert input_path is not None
        rows = _input_rows(input_path)
        sink = output.open("w", encoding="utf-8") if output else None
        count = 0
        try:
            for report in extractor.extract_many(rows, batch_size):
                line = json.dumps(report.to_json(), ensure_ascii=False)
                if sink:
                    sink.write(line + "\n")
                else:
                    typer.echo(line)
                count += 1
        finally:
            if sink:
                sink.close()
        if output:
            out.print(f"{count} documents -> {output}")

    @app.command("eval")
    def eval_cmd(
        ctx: typer.Context,
        lang: Annotated[str, typer.Option(help="fr, en or all.")] = "all",
        devset: Annotated[Path, typer.Option("--set", help="Dev-set JSONL file or folder.")] = REPO
        / "tests"
        / "data"
        / "devset",
        shared: Annotated[
            Path, typer.Option(help="The shared folder holding corpus/ (for referenced items).")
        ] = REPO.parent / "shared",
        errors: Annotated[bool, typer.Option("--errors", help="List the mismatches.")] = False,
        ner: Annotated[
            bool,
            typer.Option(
                "--ner",
                help="Instead: threat-actor names against the DNRTI corpus "
                "(corpus/ner/dnrti/test.txt of --shared).",
            ),
        ] = False,
    ) -> None:
        """Precision, recall and F1 on the annotated dev set, per language (or, with --ner,
        actor names against an independently labelled CTI corpus)."""
        from ingest.evaluate import KINDS, devset_files, evaluate, load_devset
        from ingest.extract import Extractor

        if ner:
            _eval_ner(shared / "corpus" / "ner" / "dnrti" / "test.txt", ctx, errors)
            return

        if lang not in ("fr", "en", "all"):
            raise ExtractError(f"--lang must be fr, en or all, not {lang!r}")
        files = devset_files(devset, lang)
        if not files:
            raise ExtractError(f"no dev-set files in {devset}")
        docs = load_devset(files, shared)
        if lang != "all":
            docs = [d for d in docs if d.input.lang == lang]
        results = evaluate(docs, Extractor(get_state(ctx).settings.nlp))
        table = Table(title="tikg extract — dev set")
        for col in ("lang", "docs", "kind", "P", "R", "F1", "tp", "fp", "fn"):
            table.add_column(col, justify="right" if col not in ("lang", "kind") else "left")
        for code in sorted(results):
            res = results[code]
            for kind in KINDS:
                table.add_row(code, str(res.docs), kind, *_score_cells(res.scores[kind]))
        out.print(table)
        if errors:
            for code in sorted(results):
                for line in results[code].errors:
                    out.print(line, markup=False)


def _eval_ner(path: Path, ctx: typer.Context, errors: bool) -> None:
    from ingest.evaluate_ner import evaluate_ner
    from ingest.extract import Extractor

    if not path.is_file():
        raise ExtractError(f"no CoNLL file at {path}")
    res = evaluate_ner(path, Extractor(get_state(ctx).settings.nlp))
    table = Table(title=f"tikg extract — threat-actor names, {path.parent.name}")
    for col in ("sentences", "P", "R", "F1", "tp", "fp", "fn"):
        table.add_column(col, justify="right")
    table.add_row(str(res.sentences), *_score_cells(res.score))
    out.print(table)
    if errors:
        out.print("missed:", ", ".join(f"{n} ×{c}" for n, c in res.missed.most_common(40)))
        out.print("spurious:", ", ".join(f"{n} ×{c}" for n, c in res.spurious.most_common(40)))


def _score_cells(s: Score) -> tuple[str, ...]:
    """P, R, F1, tp, fp, fn of one score, as table cells."""
    return (
        f"{s.precision:.3f}",
        f"{s.recall:.3f}",
        f"{s.f1:.3f}",
        str(s.tp),
        str(s.fp),
        str(s.fn),
    )
