"""Pipeline Cypher, as named constants. Values always travel as parameters; no statement here is
ever assembled from data. Analyst queries live in ``graph/queries/`` instead."""

from __future__ import annotations

from typing import LiteralString

UPSERT_SOURCE: LiteralString = """
MERGE (s:Source {key: $key})
ON CREATE SET s.created_at = $now, s.consecutive_failures = 0
SET s.kind = $kind, s.url = $url, s.name = $key
"""

READ_SOURCE_STATE: LiteralString = """
MATCH (s:Source {key: $key})
RETURN s.etag AS etag, s.last_modified AS last_modified, s.last_success_at AS last_success_at,
       s.last_error AS last_error, s.last_error_at AS last_error_at,
       coalesce(s.consecutive_failures, 0) AS consecutive_failures
"""

RECORD_SOURCE_SUCCESS: LiteralString = """
MATCH (s:Source {key: $key})
SET s.etag = $etag, s.last_modified = $last_modified, s.last_success_at = $now,
    s.last_attempt_at = $now, s.consecutive_failures = 0, s.last_items = $items,
    s.last_not_modified = $not_modified
"""

RECORD_SOURCE_FAILURE: LiteralString = """
MATCH (s:Source {key: $key})
SET s.last_error = $error, s.last_error_at = $now, s.last_attempt_at = $now,
    s.consecutive_failures = coalesce(s.consecutive_failures, 0) + 1
"""

# Existing reports that a new document duplicates: by canonical URL or content hash anywhere,
# by guid within the same source.
FIND_EXISTING_REPORTS: LiteralString = """
UNWIND $probes AS p
OPTIONAL MATCH (byUrl:Report {url: p.url})
OPTIONAL MATCH (byGuid:Report {guid_key: p.guid_key})
OPTIONAL MATCH (byHash:Report {content_hash: p.hash})
WITH p, coalesce(byUrl, byGuid, byHash) AS r
RETURN p.i AS i, r.key AS key, r.content_hash AS hash
"""

MERGE_REPORTS: LiteralString = """
UNWIND $rows AS row
MERGE (r:Report {key: row.key})
ON CREATE SET r += row.props, r.first_seen_at = $now
SET r.last_seen_at = $now
FOREACH (_ IN CASE WHEN row.update THEN [1] ELSE [] END |
  SET r.title = row.props.title, r.text = row.props.text,
      r.content_hash = row.props.content_hash, r.updated_at = $now,
      r.extracted_version = null)
WITH r, row
MATCH (s:Source {key: $source})
MERGE (s)-[p:PUBLISHED]->(r)
ON CREATE SET p.first_seen_at = $now, p.guid = row.guid
"""

LIST_SOURCES: LiteralString = """
MATCH (s:Source)
OPTIONAL MATCH (s)-[:PUBLISHED]->(r:Report)
WITH s, count(r) AS documents
RETURN s.key AS id, s.kind AS kind, s.url AS url, s.last_success_at AS last_success_at,
       s.last_error AS last_error, s.last_error_at AS last_error_at,
       coalesce(s.consecutive_failures, 0) AS consecutive_failures, documents
ORDER BY id
"""

COUNT_REPORTS: LiteralString = "MATCH (r:Report) RETURN count(r) AS n"
