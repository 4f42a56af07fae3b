"""``tikg config check|show``: validate the configuration and show it with secrets masked."""

from __future__ import annotations

import json

import typer

from tikg.cli.state import get_state, out

config_app = typer.Typer(help="Validate and show the configuration.", no_args_is_help=True)


@config_app.command("check")
def config_check(ctx: typer.Context) -> None:
    """Validate the configuration; a bad key is reported by name (exit code 2)."""
    state = get_state(ctx)
    settings = state.settings
    where = settings.config_path or "built-in defaults"
    out.print(
        f"configuration OK ({where}): {len(settings.feeds.sources)} sources, "
        f"neo4j {'local' if settings.neo4j.managed else 'external'} at {settings.neo4j.bolt_uri}",
        markup=False,
    )


@config_app.command("show")
def config_show(ctx: typer.Context) -> None:
    """Print the effective configuration as JSON (the password is masked)."""
    settings = get_state(ctx).settings
    data = settings.model_dump(mode="json")
    if settings.neo4j.password is not None:
        data["neo4j"]["password"] = "********"  # noqa: S105 (a mask, not a password)
    data["state_dir"] = str(settings.state_path)
    out.print_json(json.dumps(data))
