"""The saved-query library: ``graph/queries/*.cypher`` → :class:`SavedQuery`, and running them.

Each file holds one read query and a header::

    // title: Profil d'un acteur / Actor profile
    // description: ...
    // params: name:actor_name, days:int=30, sector:sector?

A parameter is ``name:type``, optionally ``=default`` or ``?`` (optional, null when absent).
Types convert the CLI's strings and normalise names the way the loader stored them, so an analyst
types "MédecinDirect", "Medecin Direct" or "medecindirect.fr" and gets the same organisation.
Every query also receives ``$as_of`` (a UTC datetime, or null for "now"): the graph as it was
known then, and ``$row_limit`` (the row cap + 1): a query whose answer can be large ends with
``ORDER BY … LIMIT $row_limit`` so the server keeps only the top rows instead of sorting them all
for the client to drop (the extra row tells the caller the answer was truncated). Queries run
read-only with a timeout and a row cap (:func:`graph.guard.run_read`).
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from datetime import UTC, date, datetime, time, timedelta
from functools import lru_cache
from pathlib import Path
from typing import Any, Literal, LiteralString, cast

from neo4j import Driver
from pydantic import BaseModel, ConfigDict

from graph.guard import QueryResult, run_guarded, run_read
from graph.keys import normalize_actor
from graph.names import org_norm, sector_canonical

QUERIES_DIR = Path(__file__).resolve().parent / "queries"

ParamType = Literal[
    "string", "int", "float", "date", "datetime", "actor_name", "org_name", "sector", "country"
]
_TYPES: frozenset[str] = frozenset(ParamType.__args__)  # type: ignore[attr-defined]


class UnknownQuery(Exception):
    exit_code = 2


class BadParameter(Exception):
    exit_code = 2


class QueryParam(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    name: str
    type: ParamType
    required: bool
    default: str | None = None


class SavedQuery(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    name: str
    title: str
    description: str
    params: tuple[QueryParam, ...]
    cypher: str
    path: str

    @property
    def title_fr(self) -> str:
        return self.title.split(" / ")[0]

    @property
    def title_en(self) -> str:
        return self.title.split(" / ")[-1]


def _parse_params(spec: str, where: str) -> tuple[QueryParam, ...]:
    out = []
    for part in (p.strip() for p in spec.split(",")):
        if not part:
            continue
        optional = part.endswith("?")
        part = part.rstrip("?")
        default = None
        if "=" in part:
            part, default = (x.strip() for x in part.split("=", 1))
        name, _, kind = part.partition(":")
        kind = kind.strip() or "string"
        if kind not in _TYPES or not name.strip().isidentifier():
            raise ValueError(f"{where}: bad parameter spec {part!r}")
        out.append(
            QueryParam(
                name=name.strip(),
                type=cast(ParamType, kind),
                required=not optional and default is None,
                default=default,
            )
        )
    return tuple(out)


def _split_header(text: str) -> tuple[dict[str, str], list[str]]:
    """The ``// title:``, ``// description:`` and ``// params:`` lines before the query, and
    the other lines."""
    header: dict[str, str] = {}
    body: list[str] = []
    for line in text.splitlines():
        stripped = line.strip()
        if stripped.startswith("//") and not body:
            key, sep, value = stripped[2:].partition(":")
            if sep and key.strip() in {"title", "description", "params"}:
                header[key.strip()] = value.strip()
                continue
        body.append(line)
    return header, body


def parse_query_file(path: Path) -> SavedQuery:
    """Read one saved query; its header must have title, description and params lines."""
    header, body = _split_header(path.read_text(encoding="utf-8"))
    missing = {"title", "description", "params"} - header.keys()
    if missing:
        raise ValueError(f"{path.name}: header lines missing: {', '.join(sorted(missing))}")
    return SavedQuery(
        name=path.stem,
        title=header["title"],
        description=header["description"],
        params=_parse_params(header["params"], path.name),
        cypher="\n".join(body).strip(),
        path=str(path),
    )


@lru_cache(maxsize=4)
def load_catalog(directory: Path = QUERIES_DIR) -> dict[str, SavedQuery]:
    """Every saved query, by name (the file's stem)."""
    return {p.stem: parse_query_file(p) for p in sorted(directory.glob("*.cypher"))}


def get_query(name: str) -> SavedQuery:
    catalog = load_catalog()
    if name not in catalog:
        raise UnknownQuery(f"no saved query {name!r}; known: {', '.join(sorted(catalog))}")
    return catalog[name]


def parse_as_of(value: str | date | datetime | None) -> datetime | None:
    """``--as-of``: a date means the end of that day (UTC); a datetime is taken as given."""
    if value is None or value == "":
        return None
    if isinstance(value, datetime):
        return value if value.tzinfo else value.replace(tzinfo=UTC)
    if isinstance(value, date):
        return datetime.combine(value + timedelta(days=1), time(), UTC) - timedelta(microseconds=1)
    text = value.strip()
    if len(text) == 10:
        return parse_as_of(date.fromisoformat(text))
    return parse_as_of(datetime.fromisoformat(text.replace("Z", "+00:00")))


def convert(param: QueryParam, value: Any) -> Any:
    """One parameter value from the CLI (a string) or from code, in the type the query expects."""
    if value is None:
        return None
    try:
        match param.type:
            case "int":
                return int(value)
            case "float":
                return float(value)
            case "date":
                return value if isinstance(value, date) else date.fromisoformat(str(value))
            case "datetime":
                return parse_as_of(value)
            case "actor_name":
                return normalize_actor(str(value))
            case "org_name":
                return org_norm(str(value))
            case "sector":
                return sector_canonical(str(value))
            case "country":
                return str(value).strip().upper()
            case _:
                return str(value)
    except (TypeError, ValueError) as exc:
        raise BadParameter(f"parameter {param.name}: {exc}") from None


def bind(query: SavedQuery, given: Mapping[str, Any], as_of: Any = None) -> dict[str, Any]:
    """The parameters the query receives: converted, defaults filled in, ``as_of`` added."""
    known = {p.name for p in query.params}
    unknown = set(given) - known - {"as_of"}
    if unknown:
        raise BadParameter(
            f"{query.name} has no parameter {', '.join(sorted(unknown))}; "
            f"it takes: {', '.join(sorted(known)) or 'none'}"
        )
    out: dict[str, Any] = {}
    for p in query.params:
        raw = given.get(p.name, p.default)
        if raw is None and p.required:
            raise BadParameter(f"{query.name} needs -p {p.name}=... ({p.type})")
        out[p.name] = convert(p, raw)
    out["as_of"] = parse_as_of(as_of if as_of is not None else given.get("as_of"))
    return out


def run_saved(
    driver: Driver,
    name: str,
    params: Mapping[str, Any] | None = None,
    *,
    as_of: Any = None,
    database: str = "neo4j",
    timeout: float = 30.0,
    row_cap: int = 1000,
) -> QueryResult:
    """Run a saved query read-only, with a timeout and a row cap."""
    query = get_query(name)
    bound = bind(query, params or {}, as_of)
    bound["row_limit"] = row_cap + 1  # run_read reads one row past the cap to flag truncation
    text = cast(LiteralString, query.cypher)  # a file of graph/queries/, never built from data
    return run_read(driver, text, bound, database=database, timeout=timeout, row_cap=row_cap)


def console_params(text: str, given: Mapping[str, Any], row_cap: int) -> dict[str, Any]:
    """The parameters of an analyst's own query. A saved query pasted with its header runs as
    is: its declared parameters are converted and get their defaults; ``$as_of`` (null = now)
    and ``$row_limit`` (the row cap + 1) are supplied when the text uses them."""
    out: dict[str, Any] = dict(given)
    spec = _split_header(text)[0].get("params")
    if spec is not None:
        try:
            declared = _parse_params(spec, "the params header")
        except ValueError as exc:
            raise BadParameter(str(exc)) from None
        for p in declared:
            raw = given.get(p.name, p.default)
            if raw is None and p.required:
                raise BadParameter(f"the query needs the parameter {p.name} ({p.type})")
            out[p.name] = convert(p, raw)
    if re.search(r"\$as_of\b", text) or "as_of" in given:
        try:
            out["as_of"] = parse_as_of(given.get("as_of"))
        except ValueError as exc:
            raise BadParameter(f"as_of: {exc}") from None
    if "row_limit" in given:
        try:
            out["row_limit"] = int(given["row_limit"])
        except (TypeError, ValueError):
            bad = given["row_limit"]
            raise BadParameter(f"row_limit must be a whole number: {bad!r}") from None
    elif re.search(r"\$row_limit\b", text):
        out["row_limit"] = row_cap + 1
    return out


def run_console(
    driver: Driver,
    query: str,
    params: Mapping[str, Any] | None = None,
    *,
    database: str = "neo4j",
    timeout: float = 30.0,
    row_cap: int = 1000,
) -> QueryResult:
    """Run an analyst's own Cypher: parameters as :func:`console_params`, then
    :func:`graph.guard.run_guarded` (compiled and refused unless it only reads)."""
    bound = console_params(query, params or {}, row_cap)
    return run_guarded(driver, query, bound, database=database, timeout=timeout, row_cap=row_cap)
