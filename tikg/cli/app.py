"""Root command: global options, error handling and exit codes.

Exit codes: 0 success, 2 usage or configuration error, 1 runtime failure. An error is one
readable line on stderr; the traceback is shown only with ``--debug``.
"""

from __future__ import annotations

import logging
import sys
import traceback
from pathlib import Path
from typing import Annotated

import click
import typer

from tikg import __version__
from tikg.cli import (
    config_cmds,
    dashboard_cmds,
    extract_cmds,
    graph_cmds,
    ingest_cmds,
    server_cmds,
)
from tikg.cli.state import AppState, err
from tikg.settings import ConfigError

app = typer.Typer(
    name="tikg",
    help="Threat-actor intelligence knowledge graph: crawl feeds, extract who claims what, "
    "load Neo4j, explore it.",
    no_args_is_help=True,
    pretty_exceptions_enable=False,
    add_completion=False,
    context_settings={"help_option_names": ["-h", "--help"]},
)
app.add_typer(server_cmds.neo4j_app, name="neo4j")
app.add_typer(server_cmds.schema_app, name="schema")
app.add_typer(config_cmds.config_app, name="config")
server_cmds.register(app)
ingest_cmds.register(app)
extract_cmds.register(app)
graph_cmds.register(app)
dashboard_cmds.register(app)


def _version(value: bool) -> None:
    if value:
        typer.echo(f"tikg {__version__}")
        raise typer.Exit()


@app.callback()
def root(
    ctx: typer.Context,
    config: Annotated[
        Path | None,
        typer.Option(
            "-c",
            "--config",
            help="Configuration file (default: $TIKG_CONFIG, else ./config.yaml if present).",
            dir_okay=False,
        ),
    ] = None,
    debug: Annotated[bool, typer.Option("--debug", help="Show tracebacks and debug logs.")] = False,
    version: Annotated[
        bool,
        typer.Option("--version", callback=_version, is_eager=True, help="Print the version."),
    ] = False,
) -> None:
    ctx.obj = AppState(config_path=config, debug=debug)
    logging.basicConfig(
        level=logging.DEBUG if debug else logging.WARNING,
        format="%(asctime)s %(levelname)s %(name)s: %(message)s",
    )
    logging.getLogger("neo4j").setLevel(logging.WARNING if not debug else logging.INFO)


def _exit_code(exc: BaseException) -> int:
    code = getattr(exc, "exit_code", 1)
    return code if isinstance(code, int) else 1


def main(argv: list[str] | None = None) -> int:
    """Run the CLI; never lets a traceback escape unless --debug was given."""
    args = sys.argv[1:] if argv is None else argv
    debug = "--debug" in args
    try:
        rv = app(args=args, prog_name="tikg", standalone_mode=False)
    except click.exceptions.Exit as exc:
        return exc.exit_code
    except click.exceptions.Abort:
        err.print("tikg: aborted")
        return 130
    except click.ClickException as exc:
        exc.show()
        return exc.exit_code
    except KeyboardInterrupt:
        err.print("tikg: interrupted")
        return 130
    except ConfigError as exc:
        _report(exc, debug, prefix="configuration error: ")
        return 2
    except Exception as exc:
        _report(exc, debug)
        return _exit_code(exc)
    return rv if isinstance(rv, int) else 0


def _report(exc: BaseException, debug: bool, prefix: str = "") -> None:
    if debug:
        traceback.print_exception(exc)
    message = str(exc).strip() or type(exc).__name__
    lines = message.splitlines()
    err.print(f"tikg: error: {prefix}{lines[0]}", markup=False)
    for line in lines[1:]:
        err.print(f"  {line}", markup=False)
    if not debug and not isinstance(exc, ConfigError) and not hasattr(exc, "exit_code"):
        err.print("  (run with --debug for the traceback)", markup=False)


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
