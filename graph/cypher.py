"""Pipeline Cypher, as named constants: sources and documents, reprocess, aliases, repository
reads and exports. Values always travel as parameters; no statement here is ever assembled from
data. The loader's writes live in :mod:`graph.cypher_load`; analyst queries in
``graph/queries/``."""

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

KNOWN_URLS: LiteralString = """
UNWIND $urls AS url
MATCH (r:Report {url: url})
RETURN DISTINCT r.url AS url
"""

COUNT_REPORTS: LiteralString = "MATCH (r:Report) RETURN count(r) AS n"

PENDING_REPORTS: LiteralString = """
MATCH (r:Report)
WHERE (r.extracted_version IS NULL OR
       (r.leak_actor IS NULL AND r.extracted_version <> $version))
  AND coalesce(r.stub, false) = false
OPTIONAL MATCH (s:Source)-[:PUBLISHED]->(r)
WITH r, min(s.key) AS source
RETURN r.key AS key, r.title AS title, coalesce(r.full_text, r.text) AS text, r.url AS url,
       r.published_at AS published_at, r.lang AS lang, r.first_seen_at AS recorded_at,
       coalesce(r.first_source, source) AS source_id, r.extracted_version AS extracted_version,
       r.leak_actor AS leak_actor, r.leak_victim AS leak_victim,
       r.leak_victim_raw AS leak_victim_raw, r.leak_discovered_at AS leak_discovered_at,
       r.leak_published_at AS leak_published_at, r.leak_website AS leak_website,
       r.leak_country AS leak_country, r.leak_post_url AS leak_post_url,
       r.leak_activity AS leak_activity, r.leak_figures AS leak_figures
ORDER BY r.key
LIMIT $limit
"""

# --------------------------------------------------------------------------- aliases

ALIAS_NAMES_ORG: LiteralString = """
MATCH (o:Organization) RETURN o.key AS key, o.name AS name, o.norm AS norm
"""

ALIAS_NAMES_ACTOR: LiteralString = """
MATCH (a:ThreatActor) RETURN a.key AS key, a.name AS name, a.canonical AS norm
"""

MERGE_ORG_ALIAS_CANDIDATES: LiteralString = """
UNWIND $rows AS row
MATCH (a:Organization {key: row.left})
MATCH (b:Organization {key: row.right})
MERGE (a)-[s:SAME_AS]->(b)
ON CREATE SET s.status = 'candidate', s.method = 'fuzzy', s.score = row.score,
              s.evidence = row.evidence, s.created_at = $now
"""

MERGE_ACTOR_ALIAS_CANDIDATES: LiteralString = """
UNWIND $rows AS row
MATCH (a:ThreatActor {key: row.left})
MATCH (b:ThreatActor {key: row.right})
MERGE (a)-[s:SAME_AS]->(b)
ON CREATE SET s.status = 'candidate', s.method = 'fuzzy', s.score = row.score,
              s.evidence = row.evidence, s.created_at = $now
"""

FIND_NAMED_NODE: LiteralString = """
CALL () {
  MATCH (a:ThreatActor) WHERE $norm_actor IN a.match_names OR a.key = $name
  RETURN a AS n
  UNION
  MATCH (o:Organization) WHERE o.norm = $norm_org OR o.key = $name
  RETURN o AS n
}
RETURN n.key AS key, labels(n)[0] AS label, n.name AS name
"""

SET_ALIAS_LINK: LiteralString = """
MATCH (a:ThreatActor|Organization {key: $left})
MATCH (b:ThreatActor|Organization {key: $right})
WHERE labels(a) = labels(b)
MERGE (a)-[s:SAME_AS]->(b)
ON CREATE SET s.created_at = $now, s.score = 100.0
SET s.status = $status, s.method = 'manual', s.evidence = $evidence, s.updated_at = $now
"""

SET_ALIAS_UNLINK: LiteralString = """
MATCH (a:ThreatActor|Organization {key: $left})-[s:SAME_AS]-
      (b:ThreatActor|Organization {key: $right})
SET s.status = 'rejected', s.evidence = $evidence, s.updated_at = $now
RETURN count(s) AS n
"""

LIST_ALIASES: LiteralString = """
MATCH (a)-[s:SAME_AS]->(b)
WHERE $status IS NULL OR s.status = $status
RETURN labels(a)[0] AS label, a.key AS left_key, a.name AS left_name, b.key AS right_key,
       b.name AS right_name, s.status AS status, s.method AS method, s.score AS score,
       s.evidence AS evidence
ORDER BY s.score DESC, left_name, right_name
LIMIT $limit
"""

# --------------------------------------------------------------------------- repository reads

LIST_ACTORS: LiteralString = """
MATCH (a:ThreatActor)
WHERE $as_of IS NULL OR a.first_recorded_at <= $as_of
OPTIONAL MATCH (a)-[e:CLAIMED|ALLEGEDLY_BEHIND|REPORTED_BEHIND|CONFIRMED_BEHIND]->(i:Incident)
WHERE $as_of IS NULL OR e.first_recorded_at <= $as_of
RETURN a.key AS key, a.name AS name, coalesce(a.aliases, []) AS aliases,
       a.description AS description, count(DISTINCT i) AS incidents,
       min(i.first_seen) AS first_seen, max(i.last_seen) AS last_seen
ORDER BY incidents DESC, name
LIMIT $limit
"""

COUNT_FACTS: LiteralString = """
CALL () {
  MATCH (a:ThreatActor) WHERE $as_of IS NULL OR a.first_recorded_at <= $as_of
  RETURN count(a) AS actors }
CALL () {
  MATCH (o:Organization) WHERE $as_of IS NULL OR o.first_recorded_at <= $as_of
  RETURN count(o) AS organizations }
CALL () {
  MATCH (i:Incident) WHERE $as_of IS NULL OR i.first_recorded_at <= $as_of
  RETURN count(i) AS incidents }
CALL () {
  MATCH (c:Claim) WHERE $as_of IS NULL OR c.recorded_at <= $as_of
  RETURN count(c) AS claims }
CALL () {
  MATCH (r:Report) WHERE $as_of IS NULL OR r.first_seen_at <= $as_of
  RETURN count(r) AS reports }
RETURN actors, organizations, incidents, claims, reports
"""

# Analytics projection: one row per (actor, incident) attribution edge, with the victim's
# sectors and countries.
PROJECT_ATTRIBUTIONS: LiteralString = """
MATCH (a:ThreatActor)-[e:CLAIMED|ALLEGEDLY_BEHIND|REPORTED_BEHIND|CONFIRMED_BEHIND]->
      (i:Incident)-[:AGAINST]->(o:Organization)
WHERE $as_of IS NULL OR e.first_recorded_at <= $as_of
OPTIONAL MATCH (o)-[:IN_SECTOR]->(s:Sector)
OPTIONAL MATCH (o)-[:LOCATED_IN]->(c:Country)
RETURN a.key AS actor_key, a.name AS actor, i.key AS incident, i.first_seen AS first_seen,
       o.key AS org_key, o.name AS org, type(e) AS rel,
       collect(DISTINCT s.name) AS sectors, collect(DISTINCT c.code) AS countries
"""

# Export: incidents with their victim, sector, country and status.
EXPORT_INCIDENTS: LiteralString = """
MATCH (i:Incident)-[:AGAINST]->(o:Organization)
WHERE $as_of IS NULL OR i.first_recorded_at <= $as_of
OPTIONAL MATCH (o)-[:IN_SECTOR]->(s:Sector)
OPTIONAL MATCH (o)-[:LOCATED_IN]->(c:Country)
RETURN i.key AS incident, i.first_seen AS first_seen, i.last_seen AS last_seen,
       i.status AS status, o.key AS org_key, o.name AS org, o.domain AS domain,
       collect(DISTINCT s.name) AS sectors, collect(DISTINCT c.code) AS countries
ORDER BY first_seen, org
"""

# Export: every claim with its report and source.
EXPORT_CLAIMS: LiteralString = """
MATCH (r:Report)-[:ASSERTS]->(c:Claim)-[:ABOUT]->(i:Incident)-[:AGAINST]->(o:Organization)
WHERE $as_of IS NULL OR c.recorded_at <= $as_of
OPTIONAL MATCH (c)-[:SUBJECT]->(a:ThreatActor)
OPTIONAL MATCH (src:Source)-[:PUBLISHED]->(r)
RETURN c.key AS claim, i.key AS incident, o.name AS victim, o.key AS org_key,
       c.kind AS kind, c.modality AS modality, c.speaker AS speaker,
       c.speaker_kind AS speaker_kind, c.subject AS subject, a.key AS actor_key,
       a.name AS actor, c.value AS value, c.unit AS unit, c.counts AS counts, c.role AS role,
       c.date AS date, c.evidence AS evidence, c.evidence_start AS evidence_start,
       c.evidence_end AS evidence_end, c.confidence AS confidence, c.channel AS channel,
       c.valid_at AS valid_at, c.recorded_at AS recorded_at, r.key AS report,
       r.url AS url, r.title AS report_title, r.published_at AS published_at,
       min(src.key) AS source
ORDER BY incident, kind, claim
"""
