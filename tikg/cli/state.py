"""Per-invocation state shared by the commands: the config path, --debug, lazily built settings."""

from __future__ import annotations

import sys
from dataclasses import dataclass, field
from pathlib import Path

import typer
from rich.console import Console

from tikg.settings import Settings, default_config_path, load_settings

out = Console(highlight=False, soft_wrap=True)
err = Console(stderr=True, highlight=False, soft_wrap=True)


@dataclass
class AppState:
    config_path: Path | None = None
    debug: bool = False
    _settings: Settings | None = field(default=None, repr=False)

    @property
    def settings(self) -> Settings:
        if self._settings is None:
            path = self.config_path if self.config_path is not None else default_config_path()
            self._settings = load_settings(path)
        return self._settings


def get_state(ctx: typer.Context) -> AppState:
    obj = ctx.find_root().obj
    if not isinstance(obj, AppState):
        obj = AppState()
        ctx.find_root().obj = obj
    return obj


def is_tty() -> bool:
    return sys.stdout.isatty()
