"""``tikg neo4j start|stop|status``, ``tikg schema apply|show`` and ``tikg run`` (the main job).

The Neo4j driver (and what it pulls in) is imported inside the commands, so ``--help`` and
``config`` stay fast.
"""

from __future__ import annotations

from typing import Annotated

import typer
from rich.table import Table

from graph.server.manager import LocalServer, ServerError
from tikg.cli.state import get_state, out
from tikg.settings import Settings

neo4j_app = typer.Typer(help="Manage the local Neo4j server.", no_args_is_help=True)
schema_app = typer.Typer(help="Constraints and indexes.", no_args_is_help=True)


def _local_server(settings: Settings) -> LocalServer:
    from graph.db import local_server

    return local_server(settings)


def ensure_server(settings: Settings, *, quiet: bool = False) -> None:
    """Start the local server when tikg manages it; do nothing for an external ``neo4j.uri``."""
    if not settings.neo4j.managed:
        return
    server = _local_server(settings)
    if not quiet and not server.state().running:
        out.print(f"Starting Neo4j on {server.uri} (data in {server.layout.home}) ...")
    result = server.start()
    if not quiet:
        verb = "already running" if result.already_running else f"started in {result.seconds:.1f} s"
        out.print(f"Neo4j {verb} (pid {result.pid}, {result.uri})")


@neo4j_app.command("start")
def neo4j_start(ctx: typer.Context) -> None:
    """Build the launcher if needed, start Neo4j in the background and wait until Bolt answers."""
    settings = get_state(ctx).settings
    if not settings.neo4j.managed:
        raise ServerError(
            f"neo4j.uri is set ({settings.neo4j.uri}): nothing to start, tikg uses that server"
        )
    ensure_server(settings)


@neo4j_app.command("build")
def neo4j_build(ctx: typer.Context) -> None:
    """Build the Neo4j launcher (Maven) if it is missing or out of date; nothing is started."""
    from graph.server.manager import LAUNCHER_DIR, build_launcher, launcher_built

    settings = get_state(ctx).settings
    if launcher_built():
        out.print(f"Neo4j launcher up to date ({LAUNCHER_DIR / 'target'})")
        return
    out.print("Building the Neo4j launcher (first time: downloads Neo4j from Maven Central) ...")
    target = build_launcher(settings.state_path / "neo4j" / "logs" / "build.log")
    out.print(f"Neo4j launcher built ({target})")


@neo4j_app.command("stop")
def neo4j_stop(
    ctx: typer.Context,
    timeout: Annotated[float, typer.Option(help="Seconds before the server is killed.")] = 60.0,
) -> None:
    """Shut the local Neo4j server down cleanly."""
    settings = get_state(ctx).settings
    server = _local_server(settings)
    if server.stop(timeout=timeout):
        out.print("Neo4j stopped")
    else:
        out.print("Neo4j was not running")


@neo4j_app.command("status")
def neo4j_status(ctx: typer.Context) -> None:
    """Running or stopped, the Bolt URI, the server version, node and relationship counts."""
    settings = get_state(ctx).settings
    cfg = settings.neo4j
    table = Table(show_header=False, box=None)
    if cfg.managed:
        state = _local_server(settings).state()
        table.add_row("server", f"local, {state.home}")
        table.add_row("state", f"running (pid {state.pid})" if state.running else "stopped")
        running = state.running
    else:
        table.add_row("server", "external")
        running = True
    table.add_row("uri", cfg.bolt_uri)
    if running:
        from graph.db import open_driver, read_status

        with open_driver(settings) as driver:
            status = read_status(driver, cfg.bolt_uri, cfg.database)
        if not cfg.managed:
            table.add_row("state", "reachable")
        table.add_row("version", f"{status.name} {status.version} ({status.edition})")
        table.add_row("nodes", f"{status.nodes:,}")
        table.add_row("relationships", f"{status.relationships:,}")
    out.print(table)


@schema_app.command("apply")
def schema_apply(ctx: typer.Context) -> None:
    """Create every missing constraint and index (IF NOT EXISTS; safe to repeat)."""
    from graph.db import open_driver
    from graph.schema import apply_schema

    settings = get_state(ctx).settings
    with open_driver(settings) as driver:
        stats = apply_schema(driver, settings.neo4j.database)
    out.print(f"Schema applied: {stats.constraints} constraints, {stats.indexes} indexes")


@schema_app.command("show")
def schema_show(
    ctx: typer.Context,
    ddl: Annotated[bool, typer.Option("--ddl", help="Print the statements, no database.")] = False,
) -> None:
    """Show the constraint and index counts in the database, or the DDL with --ddl."""
    from graph.db import open_driver
    from graph.schema import read_schema, schema_statements

    if ddl:
        for stmt in schema_statements():
            out.print(stmt + ";", markup=False)
        return
    settings = get_state(ctx).settings
    with open_driver(settings) as driver:
        stats = read_schema(driver, settings.neo4j.database)
    out.print(f"{stats.constraints} constraints, {stats.indexes} indexes")


def register(app: typer.Typer) -> None:
    @app.command("run")
    def run(ctx: typer.Context) -> None:
        """The main job: start Neo4j (local default), apply the schema, crawl every enabled
        source, extract and load the facts, and report the graph."""
        from graph.db import read_status
        from tikg.cli.ingest_cmds import (
            connected,
            print_crawl_summary,
            run_crawl,
            run_extraction,
        )

        settings = get_state(ctx).settings
        ensure_server(settings)
        with connected(settings) as driver:
            stats = run_crawl(settings, driver, [])
            print_crawl_summary(stats)
            run_extraction(settings, driver)
            status = read_status(driver, settings.neo4j.bolt_uri, settings.neo4j.database)
        out.print(
            f"Graph at {status.uri}: {status.nodes:,} nodes, "
            f"{status.relationships:,} relationships ({status.name} {status.version})"
        )
