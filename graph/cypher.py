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

KNOWN_URLS: LiteralString = """
UNWIND $urls AS url
MATCH (r:Report {url: url})
RETURN DISTINCT r.url AS url
"""

COUNT_REPORTS: LiteralString = "MATCH (r:Report) RETURN count(r) AS n"

# --------------------------------------------------------------------------- facts (loader)
# Written by graph/loader.py. Rows are built by graph/resolve.py; keys are deterministic, so
# every statement is a MERGE and a second run changes nothing. ``first_recorded_at`` keeps the
# earliest time we learned of a node (as-of replay).

MERGE_SECTORS: LiteralString = """
UNWIND $rows AS row
MERGE (n:Sector {key: row.key})
ON CREATE SET n.name = row.name
"""

MERGE_COUNTRIES: LiteralString = """
UNWIND $rows AS row
MERGE (n:Country {key: row.key})
ON CREATE SET n.name = row.name, n.code = row.name
"""

MERGE_DATA_CATEGORIES: LiteralString = """
UNWIND $rows AS row
MERGE (n:DataCategory {key: row.key})
ON CREATE SET n.name = row.name
"""

MERGE_AUTHORITIES: LiteralString = """
UNWIND $rows AS row
MERGE (n:Authority {key: row.key})
ON CREATE SET n.name = row.name, n.kind = row.kind, n.country = row.country
"""

MERGE_ACTORS: LiteralString = """
UNWIND $rows AS row
MERGE (a:ThreatActor {key: row.key})
ON CREATE SET a.name = row.name, a.canonical = row.canonical, a.first_recorded_at = row.recorded_at
WITH a, row, reduce(acc = coalesce(a.aliases, []), x IN row.aliases |
       CASE WHEN x IN acc THEN acc ELSE acc + x END) AS aliases,
     reduce(acc = coalesce(a.match_names, []), x IN row.match_names |
       CASE WHEN x IN acc THEN acc ELSE acc + x END) AS match_names
SET a.aliases = aliases, a.match_names = match_names,
    a.aliases_text = reduce(s = '', x IN aliases | s + ' ' + x),
    a.known = coalesce(a.known, false) OR row.known,
    a.description = coalesce(a.description, row.description),
    a.first_recorded_at = CASE WHEN row.recorded_at < a.first_recorded_at
                          THEN row.recorded_at ELSE a.first_recorded_at END
"""

MERGE_ORGANIZATIONS: LiteralString = """
UNWIND $rows AS row
MERGE (o:Organization {key: row.key})
ON CREATE SET o.name = row.name, o.first_recorded_at = row.recorded_at
WITH o, row, reduce(acc = coalesce(o.names, []), x IN row.names |
       CASE WHEN x IN acc THEN acc ELSE acc + x END) AS names
SET o.norm = row.norm, o.names = names,
    o.aliases_text = reduce(s = '', x IN names | s + ' ' + x),
    o.domain = coalesce(o.domain, row.domain),
    o.first_recorded_at = CASE WHEN row.recorded_at < o.first_recorded_at
                          THEN row.recorded_at ELSE o.first_recorded_at END
WITH o, row
OPTIONAL MATCH (s:Sector {key: row.sector_key})
FOREACH (_ IN CASE WHEN s IS NULL THEN [] ELSE [1] END | MERGE (o)-[:IN_SECTOR]->(s))
WITH o, row
OPTIONAL MATCH (c:Country {key: row.country_key})
FOREACH (_ IN CASE WHEN c IS NULL THEN [] ELSE [1] END | MERGE (o)-[:LOCATED_IN]->(c))
"""

# Incidents already in the graph for these victims.
# The victims are write-locked first (the documented ``SET n._lock`` idiom, removed again by
# UNLOCK_VICTIMS before commit), so two loaders touching one victim decide one after the other.
LOCK_VICTIM_INCIDENTS: LiteralString = """
UNWIND $victims AS vk
MATCH (o:Organization {key: vk}) USING INDEX o:Organization(key)
SET o._lock = true
WITH o
MATCH (o)<-[:AGAINST]-(i:Incident)
RETURN o.key AS victim, i.key AS key, i.first_seen AS first_seen, i.last_seen AS last_seen
"""

UNLOCK_VICTIMS: LiteralString = """
UNWIND $victims AS vk
MATCH (o:Organization {key: vk}) USING INDEX o:Organization(key)
REMOVE o._lock
"""

MERGE_INCIDENTS: LiteralString = """
UNWIND $rows AS row
MATCH (o:Organization {key: row.victim_key}) USING INDEX o:Organization(key)
MERGE (i:Incident {key: row.key})
ON CREATE SET i.first_seen = row.first_seen, i.last_seen = row.last_seen, i.victim = o.name
SET i.first_seen = CASE WHEN row.first_seen < i.first_seen THEN row.first_seen
                   ELSE i.first_seen END,
    i.last_seen = CASE WHEN row.last_seen > i.last_seen THEN row.last_seen ELSE i.last_seen END
MERGE (i)-[:AGAINST]->(o)
"""

MERGE_REPORT_STUBS: LiteralString = """
UNWIND $rows AS row
MERGE (r:Report {key: row.key})
ON CREATE SET r.url = row.url, r.published_at = row.published_at,
              r.first_seen_at = row.recorded_at, r.stub = true
WITH r, row WHERE row.source_id IS NOT NULL
MERGE (s:Source {key: row.source_id})
ON CREATE SET s.name = row.source_id
MERGE (s)-[:PUBLISHED]->(r)
"""

MERGE_CLAIMS: LiteralString = """
UNWIND $rows AS row
MATCH (r:Report {key: row.report_key}) USING INDEX r:Report(key)
MATCH (i:Incident {key: row.incident_key}) USING INDEX i:Incident(key)
MERGE (c:Claim {key: row.key})
SET c += row.props
MERGE (r)-[:ASSERTS]->(c)
MERGE (c)-[:ABOUT]->(i)
"""

LINK_CLAIM_ACTOR_SPEAKERS: LiteralString = """
UNWIND $rows AS row
MATCH (c:Claim {key: row.claim}) USING INDEX c:Claim(key)
MATCH (x:ThreatActor {key: row.node}) USING INDEX x:ThreatActor(key)
MERGE (c)-[:SPOKEN_BY]->(x)
"""

LINK_CLAIM_ORG_SPEAKERS: LiteralString = """
UNWIND $rows AS row
MATCH (c:Claim {key: row.claim}) USING INDEX c:Claim(key)
MATCH (x:Organization {key: row.node}) USING INDEX x:Organization(key)
MERGE (c)-[:SPOKEN_BY]->(x)
"""

LINK_CLAIM_AUTHORITY_SPEAKERS: LiteralString = """
UNWIND $rows AS row
MATCH (c:Claim {key: row.claim}) USING INDEX c:Claim(key)
MATCH (x:Authority {key: row.node}) USING INDEX x:Authority(key)
MERGE (c)-[:SPOKEN_BY]->(x)
"""

LINK_CLAIM_ACTOR_SUBJECTS: LiteralString = """
UNWIND $rows AS row
MATCH (c:Claim {key: row.claim}) USING INDEX c:Claim(key)
MATCH (x:ThreatActor {key: row.node}) USING INDEX x:ThreatActor(key)
MERGE (c)-[:SUBJECT]->(x)
"""

LINK_CLAIM_ORG_SUBJECTS: LiteralString = """
UNWIND $rows AS row
MATCH (c:Claim {key: row.claim}) USING INDEX c:Claim(key)
MATCH (x:Organization {key: row.node}) USING INDEX x:Organization(key)
MERGE (c)-[:SUBJECT]->(x)
"""

LINK_CLAIM_DATA_SUBJECTS: LiteralString = """
UNWIND $rows AS row
MATCH (c:Claim {key: row.claim}) USING INDEX c:Claim(key)
MATCH (x:DataCategory {key: row.node}) USING INDEX x:DataCategory(key)
MERGE (c)-[:SUBJECT]->(x)
"""

LINK_CLAIM_AUTHORITY_SUBJECTS: LiteralString = """
UNWIND $rows AS row
MATCH (c:Claim {key: row.claim}) USING INDEX c:Claim(key)
MATCH (x:Authority {key: row.node}) USING INDEX x:Authority(key)
MERGE (c)-[:SUBJECT]->(x)
"""

# Derived edges and incident status, recomputed from the claims of the given incidents.
DERIVE_ATTRIBUTION: LiteralString = """
UNWIND $incidents AS ik
MATCH (i:Incident {key: ik})<-[:ABOUT]-(c:Claim {kind: 'attribution'})-[:SUBJECT]->(a:ThreatActor)
USING INDEX i:Incident(key)
WITH i, a, c.modality AS m, min(c.recorded_at) AS first, count(c) AS n
FOREACH (_ IN CASE WHEN m = 'claimed' THEN [1] ELSE [] END |
  MERGE (a)-[e:CLAIMED]->(i) SET e.first_recorded_at = first, e.claims = n)
FOREACH (_ IN CASE WHEN m = 'alleged' THEN [1] ELSE [] END |
  MERGE (a)-[e:ALLEGEDLY_BEHIND]->(i) SET e.first_recorded_at = first, e.claims = n)
FOREACH (_ IN CASE WHEN m = 'reported' THEN [1] ELSE [] END |
  MERGE (a)-[e:REPORTED_BEHIND]->(i) SET e.first_recorded_at = first, e.claims = n)
FOREACH (_ IN CASE WHEN m = 'confirmed' THEN [1] ELSE [] END |
  MERGE (a)-[e:CONFIRMED_BEHIND]->(i) SET e.first_recorded_at = first, e.claims = n)
FOREACH (_ IN CASE WHEN m = 'denied' THEN [1] ELSE [] END |
  MERGE (a)-[e:DENIED]->(i) SET e.first_recorded_at = first, e.claims = n)
"""

PRUNE_ATTRIBUTION: LiteralString = """
UNWIND $incidents AS ik
MATCH (i:Incident {key: ik})<-[e:CLAIMED|ALLEGEDLY_BEHIND|REPORTED_BEHIND|CONFIRMED_BEHIND|DENIED]-
      (a:ThreatActor)
USING INDEX i:Incident(key)
WITH i, a, e, CASE type(e) WHEN 'CLAIMED' THEN 'claimed' WHEN 'ALLEGEDLY_BEHIND' THEN 'alleged'
  WHEN 'REPORTED_BEHIND' THEN 'reported' WHEN 'CONFIRMED_BEHIND' THEN 'confirmed'
  ELSE 'denied' END AS m
WHERE NOT EXISTS {
  MATCH (i)<-[:ABOUT]-(c:Claim {kind: 'attribution'})-[:SUBJECT]->(a) WHERE c.modality = m
}
DELETE e
"""

# Every pattern below is expanded from the bound incident / victim (pattern comprehensions), so
# the planner never starts from a small label such as DataCategory and fans out over all claims.
DERIVE_INCIDENT_FACTS: LiteralString = """
UNWIND $incidents AS ik
MATCH (i:Incident {key: ik}) USING INDEX i:Incident(key)
WITH i, [(i)<-[:ABOUT]-(c:Claim) | c] AS claims
CALL (i, claims) {
  UNWIND [c IN claims WHERE c.kind IN ['data_exposed', 'data_not_exposed', 'authority']] AS c
  MATCH (c)-[:SUBJECT]->(x)
  WITH i, x, c.kind AS kind, min(c.recorded_at) AS first, collect(DISTINCT c.role) AS roles
  FOREACH (_ IN CASE WHEN kind = 'data_exposed' THEN [1] ELSE [] END |
    MERGE (i)-[e:EXPOSED]->(x) SET e.first_recorded_at = first)
  FOREACH (_ IN CASE WHEN kind = 'data_not_exposed' THEN [1] ELSE [] END |
    MERGE (i)-[e:NOT_EXPOSED]->(x) SET e.first_recorded_at = first)
  FOREACH (_ IN CASE WHEN kind = 'authority' THEN [1] ELSE [] END |
    MERGE (i)-[e:INVOLVES]->(x) SET e.first_recorded_at = first, e.roles = roles)
}
CALL (i) {
  MATCH (i)-[e:EXPOSED|NOT_EXPOSED|INVOLVES]->(x)
  WHERE NOT EXISTS {
    MATCH (i)<-[:ABOUT]-(c:Claim)-[:SUBJECT]->(x)
    WHERE c.kind = CASE type(e) WHEN 'EXPOSED' THEN 'data_exposed'
      WHEN 'NOT_EXPOSED' THEN 'data_not_exposed' ELSE 'authority' END
  }
  DELETE e
}
WITH i, claims,
  reduce(m = null, c IN claims | CASE WHEN m IS NULL OR c.recorded_at < m
    THEN c.recorded_at ELSE m END) AS first_recorded,
  [c IN claims WHERE c.kind = 'attribution' AND c.modality = 'claimed' | c.recorded_at] AS cl,
  [c IN claims WHERE c.speaker_kind IN ['publication', 'third_party']
     AND c.modality IN ['reported', 'alleged', 'confirmed'] | c.recorded_at] AS rep,
  [c IN claims WHERE c.modality = 'confirmed'
     OR (c.speaker_kind IN ['victim', 'authority'] AND c.modality <> 'denied') | c.recorded_at]
     AS conf,
  [c IN claims WHERE c.modality = 'denied' | c.recorded_at] AS den
WITH i, first_recorded,
  reduce(m = null, t IN cl | CASE WHEN m IS NULL OR t < m THEN t ELSE m END) AS claimed_at,
  reduce(m = null, t IN rep | CASE WHEN m IS NULL OR t < m THEN t ELSE m END) AS reported_at,
  reduce(m = null, t IN conf | CASE WHEN m IS NULL OR t < m THEN t ELSE m END) AS confirmed_at,
  reduce(m = null, t IN den | CASE WHEN m IS NULL OR t < m THEN t ELSE m END) AS denied_at,
  COUNT { MATCH (i)<-[:ABOUT]-(c:Claim {kind: 'attribution', modality: 'claimed'})
          RETURN DISTINCT c.report_key } AS claim_posts,
  [(i)<-[:CLAIMED]-(a:ThreatActor) | a.key] AS claimant_keys,
  EXISTS { MATCH (i)-[:AGAINST]->(o:Organization)
           MATCH (o)<-[:AGAINST]-(p:Incident) WHERE p.first_seen < i.first_seen
           AND EXISTS { (p)<-[:CLAIMED]-(:ThreatActor) } } AS recycled
WITH i, first_recorded, claimed_at, reported_at, confirmed_at, denied_at, claim_posts,
     size(claimant_keys) AS claimants, recycled
SET i.first_recorded_at = first_recorded, i.claimed_at = claimed_at,
    i.reported_at = reported_at, i.confirmed_at = confirmed_at, i.denied_at = denied_at,
    i.claimants = claimants,
    i.status = CASE
      WHEN confirmed_at IS NOT NULL AND (denied_at IS NULL OR denied_at < confirmed_at)
        THEN 'confirmed'
      WHEN denied_at IS NOT NULL THEN 'denied'
      WHEN reported_at IS NOT NULL THEN 'reported'
      ELSE 'claimed' END,
    i.signals = [x IN [
      CASE WHEN claimants >= 2 THEN 'claimed_by_several_groups' END,
      CASE WHEN claim_posts > claimants AND claimants >= 1 THEN 'reposted' END,
      CASE WHEN recycled AND claimants >= 1 THEN 'recycled' END] WHERE x IS NOT NULL]
"""

DERIVE_TARGETED: LiteralString = """
UNWIND $victims AS vk
MATCH (o:Organization {key: vk}) USING INDEX o:Organization(key)
CALL (o) {
  UNWIND [(a:ThreatActor)-[e:CLAIMED|ALLEGEDLY_BEHIND|REPORTED_BEHIND|CONFIRMED_BEHIND]->
          (i:Incident)-[:AGAINST]->(o) | {a: a, t: type(e), first: e.first_recorded_at, i: i}]
         AS hit
  WITH o, hit.a AS a, collect(hit.t) AS types, min(hit.first) AS first,
       count(DISTINCT hit.i) AS incidents
  MERGE (a)-[t:TARGETED]->(o)
  SET t.first_recorded_at = first, t.incidents = incidents,
      t.modality = CASE WHEN 'CONFIRMED_BEHIND' IN types THEN 'confirmed'
        WHEN 'CLAIMED' IN types THEN 'claimed' WHEN 'REPORTED_BEHIND' IN types THEN 'reported'
        ELSE 'alleged' END
}
CALL (o) {
  MATCH (a:ThreatActor)-[t:TARGETED]->(o)
  WHERE NOT EXISTS {
    (a)-[:CLAIMED|ALLEGEDLY_BEHIND|REPORTED_BEHIND|CONFIRMED_BEHIND]->(:Incident)-[:AGAINST]->(o)
  }
  DELETE t
}
"""

MARK_EXTRACTED: LiteralString = """
UNWIND $rows AS row
MATCH (r:Report {key: row.key})
SET r.extracted_version = row.version, r.extracted_at = $now
"""

# Reprocess: the claims a report asserts, removed before its new extraction is written.
DELETE_REPORT_CLAIMS: LiteralString = """
MATCH (r:Report {key: $report})-[:ASSERTS]->(c:Claim)
OPTIONAL MATCH (c)-[:ABOUT]->(i:Incident)
OPTIONAL MATCH (i)-[:AGAINST]->(o:Organization)
WITH collect(DISTINCT c) AS claims, collect(DISTINCT i.key) AS incidents,
     collect(DISTINCT o.key) AS victims
FOREACH (c IN claims | DETACH DELETE c)
RETURN incidents, victims
"""

DELETE_EMPTY_INCIDENTS: LiteralString = """
UNWIND $incidents AS ik
MATCH (i:Incident {key: ik})
WHERE NOT EXISTS { (i)<-[:ABOUT]-(:Claim) }
DETACH DELETE i
"""

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

# --------------------------------------------------------------------------- benchmark baselines
# bench/load_speed.py compares the loader with these: the same claim rows written one query per
# row, and in one raw UNWIND (no entities, derived edges or status).

BENCH_ONE_CLAIM: LiteralString = """
MERGE (r:Report {key: $report_key})
MERGE (i:Incident {key: $incident_key})
MERGE (c:Claim {key: $key}) SET c += $props
MERGE (r)-[:ASSERTS]->(c)
MERGE (c)-[:ABOUT]->(i)
"""

BENCH_RAW_UNWIND: LiteralString = """
UNWIND $rows AS row
MERGE (r:Report {key: row.report_key})
MERGE (i:Incident {key: row.incident_key})
MERGE (c:Claim {key: row.key}) SET c += row.props
MERGE (r)-[:ASSERTS]->(c)
MERGE (c)-[:ABOUT]->(i)
"""
