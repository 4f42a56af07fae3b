"""``tikg queries``, ``tikg query``, ``tikg cypher``, ``tikg export``, ``tikg analytics …``,
``tikg alias link|unlink|list`` and ``tikg reprocess``.

The driver, networkx and stix2 are imported inside the commands so ``--help`` stays fast.
Query output is a table on a terminal, or ``--format json|csv`` for scripts.
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from datetime import date, datetime
from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any

import typer
from rich.table import Table

from tikg.cli.state import err, get_state, out
from tikg.settings import Settings

if TYPE_CHECKING:
    from neo4j import Driver

alias_app = typer.Typer(help="Reversible SAME_AS links between actors or organisations.")
analytics_app = typer.Typer(help="Graph analytics (networkx) on the attribution graph.")


class OutputFormat(StrEnum):
    table = "table"
    json = "json"
    csv = "csv"


class ExportFormat(StrEnum):
    stix = "stix"
    misp = "misp"
    csv = "csv"


AsOfOpt = Annotated[
    str | None,
    typer.Option("--as-of", help="Show the graph as it was known on this date (YYYY-MM-DD)."),
]
FormatOpt = Annotated[OutputFormat, typer.Option("--format", "-f", help="Output format.")]


@contextmanager
def connected(settings: Settings, *, schema: bool = False) -> Iterator[Driver]:
    """Start the local server if tikg manages it and connect; writers also ensure the schema
    (reads do not need it, and skipping it keeps a query's start-up short)."""
    from graph.db import open_driver
    from graph.schema import apply_schema
    from tikg.cli.server_cmds import ensure_server

    ensure_server(settings, quiet=True)
    with open_driver(settings) as driver:
        if schema:
            apply_schema(driver, settings.neo4j.database)
        yield driver


def _jsonable(value: Any) -> Any:
    if isinstance(value, datetime | date):
        return value.isoformat()
    if isinstance(value, list | tuple):
        return [_jsonable(v) for v in value]
    if isinstance(value, dict):
        return {k: _jsonable(v) for k, v in value.items()}
    to_native = getattr(value, "to_native", None)
    if callable(to_native):
        return _jsonable(to_native())
    return value


def _cell(value: Any) -> str:
    value = _jsonable(value)
    if value is None:
        return ""
    if isinstance(value, list | dict):
        return json.dumps(value, ensure_ascii=False)
    return str(value)


def print_rows(
    columns: Sequence[str], rows: Sequence[Sequence[Any]], fmt: OutputFormat, *, note: str = ""
) -> None:
    if fmt is OutputFormat.json:
        data = [dict(zip(columns, map(_jsonable, row), strict=True)) for row in rows]
        out.print(json.dumps(data, ensure_ascii=False, indent=2), markup=False)
    elif fmt is OutputFormat.csv:
        buf = io.StringIO()
        writer = csv.writer(buf, lineterminator="\n")
        writer.writerow(columns)
        writer.writerows([_cell(v) for v in row] for row in rows)
        out.print(buf.getvalue(), end="", markup=False)
    else:
        table = Table(*columns, show_lines=False)
        for row in rows:
            table.add_row(*(_cell(v) for v in row))
        out.print(table)
    if note:
        err.print(note, markup=False)


def _parse_params(values: Sequence[str]) -> dict[str, str]:
    params: dict[str, str] = {}
    for item in values:
        key, sep, value = item.partition("=")
        if not sep or not key.strip():
            raise typer.BadParameter(f"expected key=value, got {item!r}", param_hint="-p")
        params[key.strip()] = value
    return params


def _records(items: Sequence[Any]) -> tuple[list[str], list[list[Any]]]:
    if not items:
        return [], []
    columns = list(type(items[0]).__dataclass_fields__)
    return columns, [[getattr(i, c) for c in columns] for i in items]


# --------------------------------------------------------------------------- alias


@alias_app.command("link")
def alias_link(
    ctx: typer.Context,
    left: Annotated[str, typer.Argument(help="An actor or organisation (any spelling, or key).")],
    right: Annotated[str, typer.Argument(help="The other one.")],
    evidence: Annotated[str, typer.Option(help="Why they are the same.")] = "analyst decision",
) -> None:
    """Confirm that two actors (or two organisations) are the same: a SAME_AS, never a merge."""
    from graph.aliases import link

    settings = get_state(ctx).settings
    with connected(settings, schema=True) as driver:
        a, b = link(driver, left, right, evidence, settings.neo4j.database)
    out.print(f"linked {a.label} {a.name} SAME_AS {b.name}", markup=False)


@alias_app.command("unlink")
def alias_unlink(
    ctx: typer.Context,
    left: Annotated[str, typer.Argument(help="An actor or organisation (any spelling, or key).")],
    right: Annotated[str, typer.Argument(help="The other one.")],
    evidence: Annotated[str, typer.Option(help="Why they are different.")] = "analyst decision",
) -> None:
    """Reject a SAME_AS link; it is kept as rejected so it is never proposed again."""
    from graph.aliases import unlink

    settings = get_state(ctx).settings
    with connected(settings, schema=True) as driver:
        a, b = unlink(driver, left, right, evidence, settings.neo4j.database)
    out.print(f"unlinked {a.label} {a.name} / {b.name} (status rejected)", markup=False)


@alias_app.command("list")
def alias_list(
    ctx: typer.Context,
    status: Annotated[
        str | None, typer.Option(help="candidate | confirmed | rejected (default: all).")
    ] = None,
    limit: Annotated[int, typer.Option(min=1)] = 200,
    fmt: FormatOpt = OutputFormat.table,
) -> None:
    """List SAME_AS links with their status, method, score and evidence."""
    from graph.aliases import list_aliases

    settings = get_state(ctx).settings
    with connected(settings) as driver:
        rows = list_aliases(driver, status, limit, settings.neo4j.database)
    print_rows(*_records(rows), fmt)


# --------------------------------------------------------------------------- analytics


@analytics_app.command("centrality")
def analytics_centrality(
    ctx: typer.Context, as_of: AsOfOpt = None, fmt: FormatOpt = OutputFormat.table
) -> None:
    """Actor degree and betweenness centrality in the actor–victim–sector–country graph."""
    from graph.analytics import actor_centrality, build_graph, project_attributions

    settings = get_state(ctx).settings
    with connected(settings) as driver:
        attributions = project_attributions(driver, as_of=as_of, database=settings.neo4j.database)
    print_rows(*_records(actor_centrality(build_graph(attributions))), fmt)


@analytics_app.command("similarity")
def analytics_similarity(
    ctx: typer.Context,
    min_score: Annotated[float, typer.Option(help="Only pairs above this score.")] = 0.0,
    as_of: AsOfOpt = None,
    fmt: FormatOpt = OutputFormat.table,
) -> None:
    """Co-targeting similarity of actors: shared sectors and shared victims (Jaccard)."""
    from graph.analytics import co_targeting, project_attributions

    settings = get_state(ctx).settings
    with connected(settings) as driver:
        attributions = project_attributions(driver, as_of=as_of, database=settings.neo4j.database)
    print_rows(*_records(co_targeting(attributions, min_score)), fmt)


@analytics_app.command("waves")
def analytics_waves(
    ctx: typer.Context,
    window_days: Annotated[int, typer.Option(min=1)] = 14,
    min_victims: Annotated[int, typer.Option(min=2)] = 3,
    by: Annotated[str, typer.Option(help="sector | country")] = "sector",
    as_of: AsOfOpt = None,
    fmt: FormatOpt = OutputFormat.table,
) -> None:
    """Waves / campaigns: time-windowed clusters of victims by sector or country."""
    from graph.analytics import detect_waves, project_attributions

    if by not in ("sector", "country"):
        raise typer.BadParameter("sector or country", param_hint="--by")
    settings = get_state(ctx).settings
    with connected(settings) as driver:
        attributions = project_attributions(driver, as_of=as_of, database=settings.neo4j.database)
    waves = detect_waves(
        attributions,
        window_days=window_days,
        min_victims=min_victims,
        dimension="sector" if by == "sector" else "country",
    )
    print_rows(*_records(waves), fmt)


@analytics_app.command("opportunism")
def analytics_opportunism(
    ctx: typer.Context,
    days: Annotated[int, typer.Option(min=1)] = 30,
    as_of: AsOfOpt = None,
    fmt: FormatOpt = OutputFormat.table,
) -> None:
    """Opportunism score: the most distinct sectors an actor hit within any N-day window."""
    from graph.analytics import opportunism, project_attributions

    settings = get_state(ctx).settings
    with connected(settings) as driver:
        attributions = project_attributions(driver, as_of=as_of, database=settings.neo4j.database)
    print_rows(*_records(opportunism(attributions, days)), fmt)


# --------------------------------------------------------------------------- root commands


def register(app: typer.Typer) -> None:
    """Add this module's commands to the root app."""
    app.add_typer(alias_app, name="alias", no_args_is_help=True)
    app.add_typer(analytics_app, name="analytics", no_args_is_help=True)

    @app.command("queries")
    def queries(fmt: FormatOpt = OutputFormat.table) -> None:
        """List the saved queries (graph/queries/*.cypher) with their parameters."""
        from graph.catalog import load_catalog

        rows = [
            [
                q.name,
                q.title,
                ", ".join(
                    f"{p.name}:{p.type}" + ("" if p.required else f"={p.default or 'null'}")
                    for p in q.params
                ),
                q.description,
            ]
            for q in load_catalog().values()
        ]
        print_rows(["name", "title", "params", "description"], rows, fmt)

    @app.command("query")
    def query(
        ctx: typer.Context,
        name: Annotated[str, typer.Argument(help="A saved query (see `tikg queries`).")],
        param: Annotated[
            list[str] | None, typer.Option("-p", "--param", help="key=value (repeatable).")
        ] = None,
        as_of: AsOfOpt = None,
        fmt: FormatOpt = OutputFormat.table,
        limit: Annotated[int, typer.Option(min=1, help="Row cap.")] = 1000,
        timeout: Annotated[float, typer.Option(min=0.1, help="Seconds.")] = 30.0,
    ) -> None:
        """Run a saved query read-only (timeout, row cap), optionally as of a past date."""
        from graph.catalog import get_query, run_saved

        get_query(name)  # unknown name: fail before connecting
        settings = get_state(ctx).settings
        with connected(settings) as driver:
            result = run_saved(
                driver,
                name,
                _parse_params(param or []),
                as_of=as_of,
                database=settings.neo4j.database,
                timeout=timeout,
                row_cap=limit,
            )
        note = f"(truncated at {limit} rows)" if result.truncated else ""
        print_rows(result.columns, result.rows, fmt, note=note)

    @app.command("cypher")
    def cypher_cmd(
        ctx: typer.Context,
        text: Annotated[str, typer.Argument(help="A read-only Cypher query.")],
        param: Annotated[
            list[str] | None, typer.Option("-p", "--param", help="key=value (strings).")
        ] = None,
        fmt: FormatOpt = OutputFormat.table,
        limit: Annotated[int, typer.Option(min=1, help="Row cap.")] = 1000,
        timeout: Annotated[float, typer.Option(min=0.1, help="Seconds.")] = 30.0,
    ) -> None:
        """Run your own Cypher: checked read-only with EXPLAIN first, refused otherwise. A saved
        query pasted with its header runs as is (its parameters take their defaults)."""
        from graph.catalog import run_console

        settings = get_state(ctx).settings
        with connected(settings) as driver:
            result = run_console(
                driver,
                text,
                _parse_params(param or []),
                database=settings.neo4j.database,
                timeout=timeout,
                row_cap=limit,
            )
        note = f"(truncated at {limit} rows)" if result.truncated else ""
        print_rows(result.columns, result.rows, fmt, note=note)

    @app.command("export")
    def export_cmd(
        ctx: typer.Context,
        fmt: Annotated[ExportFormat, typer.Option("--format", "-f")] = ExportFormat.stix,
        output: Annotated[
            Path | None, typer.Option("-o", "--output", help="File (default: stdout).")
        ] = None,
        as_of: AsOfOpt = None,
    ) -> None:
        """Export the graph: STIX 2.1 bundle, MISP event (ransomware-group-post), or CSV."""
        from graph.exports import export, read_export

        settings = get_state(ctx).settings
        with connected(settings) as driver:
            data = read_export(driver, as_of=as_of, database=settings.neo4j.database)
        text = export(data, fmt.value)
        if output is None:
            out.print(text, markup=False, end="" if text.endswith("\n") else "\n")
        else:
            output.write_text(text, encoding="utf-8")
            err.print(f"wrote {output} ({len(data.claims)} claims)", markup=False)

    @app.command("reprocess")
    def reprocess_cmd(
        ctx: typer.Context,
        limit: Annotated[int | None, typer.Option(min=1, help="At most this many.")] = None,
    ) -> None:
        """Extract stored reports never extracted or extracted by an older extractor version,
        replacing each report's facts in one transaction."""
        from graph.facts import StoredReport
        from ingest.extract import EXTRACTOR_VERSION
        from tikg.cli.ingest_cmds import extract_pending

        settings = get_state(ctx).settings

        def on_error(report: StoredReport, exc: Exception) -> None:
            err.print(f"report {report.key}: {type(exc).__name__}: {exc}", markup=False)

        with connected(settings, schema=True) as driver:
            stats = extract_pending(
                settings, driver, "Extracting stored reports", on_error=on_error, limit=limit
            )
        out.print(
            f"reprocessed {stats.reports} reports and {stats.leak_posts} leak posts "
            f"({stats.claims} claims, {stats.failed} failed) with {EXTRACTOR_VERSION}"
        )
