"""Schema: a uniqueness constraint on every node key and the indexes the queries need.

Every statement is ``IF NOT EXISTS``, so :func:`apply_schema` is idempotent and safe to run at
every start and from several processes at once. Names are deterministic so a second run creates
nothing. Labels come from :mod:`graph.vocab` only.
"""

from __future__ import annotations

from dataclasses import dataclass

from neo4j import Driver

from graph.vocab import KEY_PROPERTY, Label, RelType

#: (label, property) pairs that get a range index (besides the key constraints).
RANGE_INDEXES: tuple[tuple[Label, str], ...] = (
    (Label.THREAT_ACTOR, "name"),
    (Label.ORGANIZATION, "name"),
    (Label.ORGANIZATION, "domain"),
    (Label.ORGANIZATION, "norm"),
    (Label.THREAT_ACTOR, "canonical"),
    (Label.INCIDENT, "first_recorded_at"),
    (Label.INCIDENT, "first_seen"),
    (Label.INCIDENT, "status"),
    (Label.CLAIM, "modality"),
    (Label.CLAIM, "kind"),
    (Label.CLAIM, "recorded_at"),
    (Label.CLAIM, "valid_at"),
    (Label.CLAIM, "extractor_version"),
    (Label.REPORT, "published_at"),
    (Label.REPORT, "content_hash"),
    (Label.REPORT, "url"),
    (Label.REPORT, "guid_key"),
    (Label.SOURCE, "kind"),
)

#: (relationship type, property) pairs that get a range index. ``unconfirmed_claims`` reads the
#: oldest claims first through this one instead of sorting every claim.
REL_RANGE_INDEXES: tuple[tuple[RelType, str], ...] = ((RelType.CLAIMED, "first_recorded_at"),)

#: Full-text index over names and aliases, for "search by any alias".
FULLTEXT_NAME = "entity_names"
FULLTEXT_LABELS = (Label.THREAT_ACTOR, Label.ORGANIZATION, Label.AUTHORITY)


@dataclass(frozen=True, slots=True)
class SchemaStats:
    constraints: int
    indexes: int


def _snake(label: Label) -> str:
    out = []
    for i, ch in enumerate(label.value):
        if ch.isupper() and i:
            out.append("_")
        out.append(ch.lower())
    return "".join(out)


def schema_statements() -> list[str]:
    """The DDL, in order. Only allow-listed labels and fixed property names appear in it."""
    stmts = [
        f"CREATE CONSTRAINT {_snake(lab)}_key IF NOT EXISTS "
        f"FOR (n:{lab.value}) REQUIRE n.{KEY_PROPERTY} IS UNIQUE"
        for lab in Label
    ]
    stmts += [
        f"CREATE INDEX {_snake(lab)}_{prop} IF NOT EXISTS FOR (n:{lab.value}) ON (n.{prop})"
        for lab, prop in RANGE_INDEXES
    ]
    stmts += [
        f"CREATE INDEX {rel.value.lower()}_{prop} IF NOT EXISTS "
        f"FOR ()-[r:{rel.value}]-() ON (r.{prop})"
        for rel, prop in REL_RANGE_INDEXES
    ]
    labels = "|".join(lab.value for lab in FULLTEXT_LABELS)
    stmts.append(
        f"CREATE FULLTEXT INDEX {FULLTEXT_NAME} IF NOT EXISTS "
        f"FOR (n:{labels}) ON EACH [n.name, n.aliases_text]"
    )
    return stmts


def apply_schema(driver: Driver, database: str = "neo4j") -> SchemaStats:
    """Create every constraint and index that is missing; wait until they are online."""
    with driver.session(database=database) as session:
        for stmt in schema_statements():
            session.run(stmt).consume()  # DDL built from the allow-list only
        session.run("CALL db.awaitIndexes(300)").consume()
    return read_schema(driver, database)


def read_schema(driver: Driver, database: str = "neo4j") -> SchemaStats:
    records, _, _ = driver.execute_query(
        "SHOW CONSTRAINTS YIELD name RETURN count(*) AS n", database_=database
    )
    constraints = records[0]["n"]
    records, _, _ = driver.execute_query(
        "SHOW INDEXES YIELD name, type WHERE type <> 'LOOKUP' RETURN count(*) AS n",
        database_=database,
    )
    return SchemaStats(constraints=constraints, indexes=records[0]["n"])
