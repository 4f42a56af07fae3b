"""The read-only guard for analysts' own Cypher (``tikg cypher`` and the dashboard console).

Community Edition has no reader role, and a session's read access mode is routing, not access
control: a write sent in a "read" transaction to a single server still runs. So every query is
first compiled with ``EXPLAIN`` (nothing executes) and refused, with the reason, unless

- the server classifies it as a read query (``query_type == "r"``; writes, schema changes and
  administration commands are ``w``/``rw``/``s`` or fail to EXPLAIN), and
- its plan contains no ``LOAD CSV``, no ``CALL … IN TRANSACTIONS``, no ``TERMINATE`` / ``SHOW
  TRANSACTIONS`` / ``SHOW SETTINGS`` and no procedure outside :data:`READ_PROCEDURES`.

Only then is it run, in a read transaction with a server-side timeout, and at most ``row_cap``
rows are fetched. The text is the analyst's; it is never combined with data.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from typing import Any, LiteralString, cast

from neo4j import Driver, ManagedTransaction, unit_of_work
from neo4j.exceptions import ClientError, Neo4jError

#: Procedures an analyst may call (all read-only, all in Neo4j Community).
READ_PROCEDURES = frozenset(
    {
        "db.labels",
        "db.relationshipTypes",
        "db.propertyKeys",
        "db.schema.visualization",
        "db.schema.nodeTypeProperties",
        "db.schema.relTypeProperties",
        "db.index.fulltext.queryNodes",
        "db.index.fulltext.queryRelationships",
        "dbms.components",
    }
)
_DENIED_OPERATORS = {
    "LoadCSV": "LOAD CSV reads files or URLs from the server",
    "TransactionApply": "CALL ... IN TRANSACTIONS commits on its own",
    "TransactionForeach": "CALL ... IN TRANSACTIONS commits on its own",
    "TerminateTransactions": "TERMINATE TRANSACTIONS stops other users' work",
    "ShowTransactions": "SHOW TRANSACTIONS reveals other users' queries",
    "ShowSettings": "SHOW SETTINGS reveals the server configuration",
}
_WRITE_TYPES = {
    "w": "it writes to the graph",
    "rw": "it reads and writes the graph",
    "s": "it changes the schema or calls an administration procedure",
}
_PROCEDURE = re.compile(r"([A-Za-z_][\w]*(?:\.[A-Za-z_][\w]*)+)\s*\(")
MAX_QUERY_LENGTH = 20_000


class QueryRefused(Exception):
    """The query is not a plain read query; the message says why. Nothing was run."""

    exit_code = 2


class QueryFailed(Exception):
    """A read query failed on the server (bad argument, timeout, …); the message says why."""

    exit_code = 1


@dataclass(frozen=True, slots=True)
class QueryResult:
    columns: tuple[str, ...]
    rows: tuple[tuple[Any, ...], ...]
    truncated: bool
    elapsed_ms: float


def _operators(plan: Mapping[str, Any] | None) -> Iterator[Mapping[str, Any]]:
    if not plan:
        return
    yield plan
    for child in plan.get("children", ()) or ():
        yield from _operators(child)


def _procedures(op: Mapping[str, Any]) -> list[str]:
    args = op.get("args", {}) or {}
    text = " ".join(str(args.get(k, "")) for k in ("Details", "details", "Signature", "signature"))
    return _PROCEDURE.findall(text)


def check_read_only(driver: Driver, query: str, database: str = "neo4j") -> None:
    """Raise :class:`QueryRefused` unless ``query`` is a read-only query (EXPLAIN, not run)."""
    text = query.strip().rstrip(";").strip()
    if not text:
        raise QueryRefused("the query is empty")
    if len(text) > MAX_QUERY_LENGTH:
        raise QueryRefused(f"the query is longer than {MAX_QUERY_LENGTH} characters")
    head = text.split(None, 1)[0].upper()
    if head in {"EXPLAIN", "PROFILE"}:
        raise QueryRefused(f"{head} is added by the console itself; send the bare query")
    # The analyst's text, compiled only: EXPLAIN never executes it.
    explain = cast(LiteralString, "EXPLAIN " + text)
    try:
        with driver.session(database=database, default_access_mode="READ") as session:
            summary = session.run(explain).consume()
    except Neo4jError as exc:
        reason = (exc.message or str(exc)).splitlines()[0]
        raise QueryRefused(f"the query does not compile as a read query: {reason}") from None
    qtype = summary.query_type
    if qtype != "r":
        why = _WRITE_TYPES.get(str(qtype), f"the server classifies it as {qtype!r}")
        raise QueryRefused(f"only read queries are allowed: {why}")
    for op in _operators(summary.plan):
        name = str(op.get("operatorType", "")).split("@")[0]
        if name in _DENIED_OPERATORS:
            raise QueryRefused(f"only read queries are allowed: {_DENIED_OPERATORS[name]}")
        if "ProcedureCall" in name:
            for proc in _procedures(op) or ["an unknown procedure"]:
                if proc not in READ_PROCEDURES:
                    raise QueryRefused(
                        f"procedure {proc} is not on the read-only list "
                        f"({', '.join(sorted(READ_PROCEDURES))})"
                    )


def _to_py(value: Any) -> Any:
    to_native = getattr(value, "to_native", None)
    if callable(to_native):
        return to_native()
    if isinstance(value, list):
        return [_to_py(v) for v in value]
    if isinstance(value, dict):
        return {k: _to_py(v) for k, v in value.items()}
    if hasattr(value, "element_id") and hasattr(value, "items"):  # Node / Relationship
        return {k: _to_py(v) for k, v in value.items()}
    return value


def run_read(
    driver: Driver,
    query: LiteralString,
    params: Mapping[str, Any],
    *,
    database: str = "neo4j",
    timeout: float = 30.0,
    row_cap: int = 1000,
) -> QueryResult:
    """Run a read query in a read transaction with a server timeout, fetching ≤ ``row_cap`` rows."""
    import time

    @unit_of_work(timeout=timeout)
    def work(tx: ManagedTransaction) -> tuple[tuple[str, ...], list[tuple[Any, ...]], bool]:
        result = tx.run(query, dict(params))
        keys = tuple(result.keys())
        rows: list[tuple[Any, ...]] = []
        truncated = False
        for record in result:
            if len(rows) >= row_cap:
                truncated = True
                break
            rows.append(tuple(_to_py(v) for v in record.values()))
        return keys, rows, truncated

    started = time.perf_counter()
    try:
        with driver.session(database=database, default_access_mode="READ") as session:
            keys, rows, truncated = session.execute_read(work)
    except ClientError as exc:
        if "Timeout" in (exc.code or "") or "terminated" in (exc.message or "").lower():
            raise QueryFailed(f"the query ran longer than {timeout:g} s and was stopped") from None
        reason = (exc.message or str(exc)).splitlines()[0]
        raise QueryFailed(f"the query failed: {reason}") from None
    return QueryResult(keys, tuple(rows), truncated, (time.perf_counter() - started) * 1000)


def run_guarded(
    driver: Driver,
    query: str,
    params: Mapping[str, Any] | None = None,
    *,
    database: str = "neo4j",
    timeout: float = 30.0,
    row_cap: int = 1000,
) -> QueryResult:
    """Check ``query`` with :func:`check_read_only`, then run it with a timeout and a row cap."""
    check_read_only(driver, query, database)
    text = cast(LiteralString, query.strip().rstrip(";"))  # checked read-only just above
    return run_read(driver, text, params or {}, database=database, timeout=timeout, row_cap=row_cap)
