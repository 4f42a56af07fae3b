"""``tikg crawl``, ``tikg schedule``, ``tikg sources``, ``tikg parse`` and ``tikg import``.

Heavy modules (the driver, parsers) are imported inside the commands so ``--help`` stays fast.
On a terminal, crawls show a progress line per source and a summary table; otherwise they write
structured ``key=value`` log lines to stderr.
"""

from __future__ import annotations

import json
import logging
import signal
import sys
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any

import typer
from rich.markup import escape
from rich.table import Table

from tikg.cli.state import err, get_state, is_tty, out
from tikg.settings import Settings

if TYPE_CHECKING:
    from neo4j import Driver

    from graph.crawl import CrawlEvent, SourceCrawlStats
    from graph.facts import StoredReport
    from graph.reprocess import ReprocessStats

log = logging.getLogger("tikg.cli")


def _fmt_time(value: datetime | None) -> str:
    return value.astimezone(UTC).strftime("%Y-%m-%d %H:%M") if value else "—"


@contextmanager
def connected(settings: Settings) -> Iterator[Driver]:
    """Start the local server if tikg manages it, connect, make sure the schema exists."""
    from graph.db import open_driver
    from graph.schema import apply_schema
    from tikg.cli.server_cmds import ensure_server

    ensure_server(settings, quiet=True)
    with open_driver(settings) as driver:
        apply_schema(driver, settings.neo4j.database)
        yield driver


def _log_event(event: CrawlEvent) -> None:
    print(
        f"{datetime.now(UTC).isoformat(timespec='seconds')} source={event.source_id} "
        f"stage={event.stage} detail={json.dumps(event.detail, ensure_ascii=False)}",
        file=sys.stderr,
        flush=True,
    )


def run_crawl(settings: Settings, driver: Driver, only: Sequence[str]) -> list[SourceCrawlStats]:
    """Crawl with a progress display on a terminal, structured log lines otherwise."""
    from rich.progress import BarColumn, Progress, SpinnerColumn, TextColumn, TimeElapsedColumn

    from graph.crawl import crawl_sources, select_sources

    if not is_tty():
        return crawl_sources(settings, driver, only=only, emit=_log_event)
    sources = select_sources(settings, only)
    with Progress(
        SpinnerColumn(),
        TextColumn("[bold]{task.fields[source]}"),
        BarColumn(bar_width=20),
        TextColumn("{task.description}"),
        TimeElapsedColumn(),
        console=out,
        transient=False,
    ) as progress:
        # Stages of a source: fetching, parsing, storing, done (or failed).
        steps = {"fetching": 0, "parsing": 1, "full text": 1, "storing": 2, "done": 3, "failed": 3}
        tasks = {s.id: progress.add_task("waiting", source=s.id, total=3) for s in sources}

        def emit(event: CrawlEvent) -> None:
            task = tasks.get(event.source_id)
            if task is None:
                return
            text = escape(f"{event.stage} {event.detail}".strip())  # details may quote a feed
            style = "red" if event.stage == "failed" else ""
            progress.update(
                task,
                description=f"[{style}]{text}[/]" if style else text,
                completed=steps.get(event.stage, 0),
            )

        return crawl_sources(settings, driver, only=only, emit=emit)


def print_crawl_summary(stats: Sequence[SourceCrawlStats]) -> None:
    table = Table(title="Crawl summary")
    for col in ("source", "kind", "fetched", "new", "duplicates", "updated", "bad items", "error"):
        table.add_column(col, overflow="fold")
    for s in stats:
        fetched = "not modified" if s.not_modified else ("—" if s.error else str(s.items))
        table.add_row(
            escape(s.source_id),
            s.kind,
            fetched,
            str(s.new),
            str(s.duplicates),
            str(s.updated),
            str(s.item_errors),
            escape(s.error or ""),
        )
    if is_tty():
        out.print(table)
    else:
        for s in stats:
            err.print(
                f"summary source={s.source_id} items={s.items} new={s.new} "
                f"duplicates={s.duplicates} updated={s.updated} bad_items={s.item_errors} "
                f"not_modified={str(s.not_modified).lower()} error={json.dumps(s.error)}",
                markup=False,
                highlight=False,
            )


def extract_pending(
    settings: Settings,
    driver: Driver,
    label: str,
    *,
    on_error: Callable[[StoredReport, Exception], None] | None = None,
    limit: int | None = None,
) -> ReprocessStats:
    """Extract every pending report, with a running count on a terminal."""
    from graph.pipeline import process_pending

    if not is_tty():
        return process_pending(settings, driver, on_error=on_error, limit=limit)
    with out.status(f"{label} ...") as status:

        def progress(s: ReprocessStats) -> None:
            status.update(
                f"{label} ... {s.reports} reports, {s.leak_posts} leak posts, {s.failed} failed"
            )

        return process_pending(
            settings, driver, on_error=on_error, on_progress=progress, limit=limit
        )


def run_extraction(settings: Settings, driver: Driver) -> None:
    """Extract and load every report not yet processed by the current extractor version."""
    stats = extract_pending(settings, driver, "Extracting facts from new reports")
    line = (
        f"Extraction: {stats.reports} reports, {stats.leak_posts} leak posts, "
        f"{stats.claims} claims loaded" + (f", {stats.failed} failed" if stats.failed else "")
    )
    (out if is_tty() else err).print(line, markup=False)


def register(app: typer.Typer) -> None:
    @app.command("crawl")
    def crawl(
        ctx: typer.Context,
        source: Annotated[
            list[str] | None,
            typer.Option("--source", "-s", help="Only this source id (repeatable)."),
        ] = None,
        extract: Annotated[
            bool, typer.Option("--extract/--no-extract", help="Extract and load facts after.")
        ] = True,
    ) -> None:
        """Crawl the configured sources once: fetch, parse, store new reports, extract facts."""
        settings = get_state(ctx).settings
        with connected(settings) as driver:
            stats = run_crawl(settings, driver, source or [])
            print_crawl_summary(stats)
            if extract:
                run_extraction(settings, driver)
        failed = [s for s in stats if s.error]
        if failed:
            raise typer.Exit(code=1)

    @app.command("schedule")
    def schedule(
        ctx: typer.Context,
        no_initial_run: Annotated[
            bool, typer.Option("--no-initial-run", help="Wait for each source's first slot.")
        ] = False,
    ) -> None:
        """Crawl every enabled source on its own interval or cron expression until stopped."""
        from apscheduler.executors.pool import ThreadPoolExecutor
        from apscheduler.schedulers.blocking import BlockingScheduler

        from graph.schedule import add_source_jobs

        settings = get_state(ctx).settings
        with connected(settings) as driver:
            # One worker: crawls and extraction run one after the other, never concurrently.
            scheduler = BlockingScheduler(
                timezone=settings.schedule.timezone,
                executors={"default": ThreadPoolExecutor(1)},
            )

            def crawl_one(source_id: str) -> None:
                stats = run_crawl(settings, driver, [source_id])
                print_crawl_summary(stats)
                if any(s.new or s.updated for s in stats):
                    run_extraction(settings, driver)

            jobs = add_source_jobs(scheduler, settings, crawl_one, initial_run=not no_initial_run)
            if not jobs:
                raise typer.BadParameter("no enabled source to schedule")

            def stop(signum: int, _frame: Any) -> None:
                err.print(f"tikg: {signal.Signals(signum).name}: finishing the running crawl ...")
                scheduler.shutdown(wait=True)

            signal.signal(signal.SIGINT, stop)
            signal.signal(signal.SIGTERM, stop)
            out.print(f"Scheduled {len(jobs)} sources; Ctrl-C to stop.")
            for job in jobs:
                out.print(f"  {job}", markup=False)
            scheduler.start()
        out.print("Scheduler stopped.")

    @app.command("sources")
    def sources(ctx: typer.Context) -> None:
        """Crawl health per source: kind, last success, last error, documents."""
        from graph.documents import list_sources

        settings = get_state(ctx).settings
        with connected(settings) as driver:
            rows = {r.id: r for r in list_sources(driver, settings.neo4j.database)}
        table = Table(title="Sources")
        for col in ("source", "kind", "enabled", "last success", "last error", "failures", "docs"):
            table.add_column(col, overflow="fold")
        configured = {s.id: s for s in settings.feeds.sources}
        for sid in sorted(set(configured) | set(rows)):
            cfg, row = configured.get(sid), rows.get(sid)
            last_error = "—"
            if row and row.last_error:
                last_error = escape(f"{_fmt_time(row.last_error_at)} {row.last_error}")
            table.add_row(
                escape(sid),
                (cfg.kind if cfg else None) or (row.kind if row else "") or "",
                "yes" if cfg and cfg.enabled else ("no" if cfg else "not configured"),
                _fmt_time(row.last_success_at) if row else "never",
                last_error,
                str(row.consecutive_failures) if row else "0",
                str(row.documents) if row else "0",
            )
        out.print(table)

    @app.command("parse")
    def parse(
        path: Annotated[Path, typer.Argument(help="A local feed, export or article.")],
        kind: Annotated[str, typer.Option(help="Source kind; auto detects it.")] = "auto",
        fmt: Annotated[str, typer.Option("--format", help="jsonl (default) or summary.")] = "jsonl",
        lang: Annotated[str, typer.Option(help="Language hint: fr, en or auto.")] = "auto",
    ) -> None:
        """Print the documents of a local file as JSON lines, without touching the database."""
        from ingest.parse import parse_file

        result = parse_file(path, kind=kind, lang_hint=lang)
        for bad in result.errors:
            err.print(f"skipped item {bad.key}: {bad.message}", markup=False)
        if fmt == "summary":
            out.print(
                f"{path}: {len(result.documents)} documents ({result.kind}), "
                f"{len(result.errors)} bad items",
                markup=False,
            )
            return
        if fmt != "jsonl":
            raise typer.BadParameter("--format must be jsonl or summary")
        for doc in result.documents:
            sys.stdout.write(json.dumps(doc.to_json(), ensure_ascii=False) + "\n")

    @app.command("import")
    def import_(
        ctx: typer.Context,
        paths: Annotated[list[Path], typer.Argument(help="Articles (txt, html, md) or exports.")],
        published: Annotated[
            str | None, typer.Option(help="Publication date of the article(s), e.g. 2025-12-08.")
        ] = None,
        kind: Annotated[str, typer.Option(help="Source kind; auto detects it.")] = "auto",
        lang: Annotated[str, typer.Option(help="Language hint: fr, en or auto.")] = "auto",
    ) -> None:
        """Run local files through the same pipeline as crawled feeds."""
        from graph.imports import import_files
        from ingest.dates import parse_cli_date

        settings = get_state(ctx).settings
        try:
            when = parse_cli_date(published) if published else None
        except ValueError as exc:
            raise typer.BadParameter(str(exc), param_hint="--published") from None
        with connected(settings) as driver:
            result = import_files(settings, driver, paths, published=when, kind=kind, lang=lang)
            for line in result.lines:
                out.print(line, markup=False)
            run_extraction(settings, driver)
        if result.failed:
            raise typer.Exit(code=1)
