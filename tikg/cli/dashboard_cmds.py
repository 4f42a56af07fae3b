"""``tikg dashboard``: serve the Streamlit dashboard on the configured address.

Runs ``streamlit run dashboard/app.py`` as a child process with the safe server options (loopback
by default, usage statistics off, XSRF protection on, headless, no error details sent to the
browser) and hands it the configuration file through ``TIKG_CONFIG``; the password, when set,
stays in the inherited environment (``TIKG_NEO4J__PASSWORD``), never on a command line. The
local Neo4j server is started first when tikg manages it.
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
from pathlib import Path
from typing import Annotated

import typer

from tikg.cli.state import get_state, out
from tikg.settings import Settings

APP = Path(__file__).resolve().parents[2] / "dashboard" / "app.py"


def streamlit_command(
    settings: Settings, host: str | None = None, port: int | None = None
) -> list[str]:
    """The child's command line (no secret in it)."""
    cfg = settings.dashboard
    return [
        sys.executable,
        "-m",
        "streamlit",
        "run",
        str(APP),
        "--server.address",
        host or cfg.host,
        "--server.port",
        str(port or cfg.port),
        "--browser.gatherUsageStats",
        "false",
        "--server.enableXsrfProtection",
        "true",
        "--server.headless",
        "false" if cfg.open_browser else "true",
        "--client.showErrorDetails",
        "none",
        "--client.toolbarMode",
        "minimal",
    ]


def streamlit_env(settings: Settings) -> dict[str, str]:
    env = dict(os.environ)
    if settings.config_path is not None:
        env["TIKG_CONFIG"] = str(settings.config_path)
    return env


def _interrupt(signum: int, frame: object) -> None:
    raise KeyboardInterrupt


def register(app: typer.Typer) -> None:
    @app.command("dashboard")
    def dashboard(
        ctx: typer.Context,
        host: Annotated[
            str | None, typer.Option("--host", help="Listen address (default: dashboard.host).")
        ] = None,
        port: Annotated[
            int | None, typer.Option("--port", help="Port (default: dashboard.port).")
        ] = None,
    ) -> None:
        """Serve the dashboard (Streamlit) on dashboard.host:dashboard.port until Ctrl-C."""
        from tikg.cli.server_cmds import ensure_server

        settings = get_state(ctx).settings
        ensure_server(settings)
        cmd = streamlit_command(settings, host, port)
        out.print(f"Dashboard on http://{cmd[6]}:{cmd[8]} (Ctrl-C to stop)")
        # A fixed argument list built from validated settings; no shell.
        proc = subprocess.Popen(cmd, env=streamlit_env(settings))
        signal.signal(signal.SIGTERM, _interrupt)  # a service stop also stops the child
        try:
            code = proc.wait()
        except KeyboardInterrupt:
            proc.terminate()
            try:
                code = proc.wait(timeout=10)
            except subprocess.TimeoutExpired:
                proc.kill()
                code = proc.wait()
        raise typer.Exit(code)
