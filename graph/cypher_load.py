"""Loader Cypher, as named constants: the statements :mod:`graph.loader` runs to write a
:class:`~graph.batch.LoadBatch` (entities, incidents, claims, derived edges, signals) and to swap a
report's claims on reprocess, plus the baselines ``bench/load_speed.py`` compares the loader with.

Stage: resolve → **loader** → Neo4j. Values always travel as parameters; no statement is ever
assembled from data. Rows are built by graph/resolve.py; keys are deterministic, so every write is
a MERGE and a second run changes nothing. ``first_recorded_at`` keeps the earliest time we
learned of a node (as-of replay), the minimum over the rows of a batch and over loads.
Source, document, alias and read statements live in :mod:`graph.cypher`.
"""

from __future__ import annotations

from typing import LiteralString

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
    a.first_recorded_at = CASE
      WHEN a.first_recorded_at IS NULL OR row.recorded_at < a.first_recorded_at
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
    o.first_recorded_at = CASE
      WHEN o.first_recorded_at IS NULL OR row.recorded_at < o.first_recorded_at
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
ON CREATE SET r.url = row.url, r.published_at = row.published_at, r.stub = true
SET r.first_seen_at = CASE
  WHEN r.first_seen_at IS NULL OR row.recorded_at < r.first_seen_at
  THEN row.recorded_at ELSE r.first_seen_at END
WITH r, row WHERE row.source_id IS NOT NULL
MERGE (s:Source {key: row.source_id})
ON CREATE SET s.name = row.source_id
MERGE (s)-[:PUBLISHED]->(r)
"""

# A claim's ``recorded_at`` (when we learned it) only ever moves earlier, like first_recorded_at.
MERGE_CLAIMS: LiteralString = """
UNWIND $rows AS row
MATCH (r:Report {key: row.report_key}) USING INDEX r:Report(key)
MATCH (i:Incident {key: row.incident_key}) USING INDEX i:Incident(key)
MERGE (c:Claim {key: row.key})
WITH r, i, c, row, c.recorded_at AS known
SET c += row.props
SET c.recorded_at = CASE WHEN known < row.props.recorded_at THEN known
                    ELSE row.props.recorded_at END
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

# Every statement below expands from the bound incident / victim (pattern comprehensions, and
# prunes that compare with a list of wanted facts instead of a NOT EXISTS): a NOT EXISTS between
# two bound nodes may be planned from the other side, a dense ThreatActor or DataCategory, and
# then reads every claim about it once per incident (the slow re-load, bench/README.md).
PRUNE_ATTRIBUTION: LiteralString = """
UNWIND $incidents AS ik
MATCH (i:Incident {key: ik}) USING INDEX i:Incident(key)
WITH i, [(i)<-[:ABOUT]-(c:Claim {kind: 'attribution'})-[:SUBJECT]->(a:ThreatActor)
         | c.modality + '|' + elementId(a)] AS wanted
MATCH (i)<-[e:CLAIMED|ALLEGEDLY_BEHIND|REPORTED_BEHIND|CONFIRMED_BEHIND|DENIED]-(a:ThreatActor)
WITH e, wanted, CASE type(e) WHEN 'CLAIMED' THEN 'claimed' WHEN 'ALLEGEDLY_BEHIND' THEN 'alleged'
  WHEN 'REPORTED_BEHIND' THEN 'reported' WHEN 'CONFIRMED_BEHIND' THEN 'confirmed'
  ELSE 'denied' END + '|' + elementId(a) AS fact
WHERE NOT fact IN wanted
DELETE e
"""

DERIVE_INCIDENT_FACTS: LiteralString = """
UNWIND $incidents AS ik
MATCH (i:Incident {key: ik}) USING INDEX i:Incident(key)
WITH i, [(i)<-[:ABOUT]-(c:Claim) | c] AS claims,
  [(i)<-[:ABOUT]-(c:Claim)-[:SUBJECT]->(x)
   WHERE c.kind IN ['data_exposed', 'data_not_exposed', 'authority']
   | c.kind + '|' + elementId(x)] AS wanted
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
CALL (i, wanted) {
  MATCH (i)-[e:EXPOSED|NOT_EXPOSED|INVOLVES]->(x)
  WITH e, CASE type(e) WHEN 'EXPOSED' THEN 'data_exposed'
    WHEN 'NOT_EXPOSED' THEN 'data_not_exposed' ELSE 'authority' END + '|' + elementId(x) AS fact,
    wanted
  WHERE NOT fact IN wanted
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
  reduce(m = null, t IN den | CASE WHEN m IS NULL OR t < m THEN t ELSE m END) AS denied_at
SET i.first_recorded_at = first_recorded, i.claimed_at = claimed_at,
    i.reported_at = reported_at, i.confirmed_at = confirmed_at, i.denied_at = denied_at,
    i.status = CASE
      WHEN confirmed_at IS NOT NULL AND (denied_at IS NULL OR denied_at < confirmed_at)
        THEN 'confirmed'
      WHEN denied_at IS NOT NULL THEN 'denied'
      WHEN reported_at IS NOT NULL THEN 'reported'
      ELSE 'claimed' END
"""

# Signals, recomputed for EVERY incident of the given victims (not only the incidents a load
# touched): ``recycled`` of a later incident depends on the earlier ones, so loading an earlier
# incident after a later one must revisit the later one. Run after DERIVE_ATTRIBUTION.
DERIVE_VICTIM_SIGNALS: LiteralString = """
UNWIND $victims AS vk
MATCH (o:Organization {key: vk}) USING INDEX o:Organization(key)
WITH [(o)<-[:AGAINST]-(p:Incident) | p] AS incidents
WITH incidents,
  [p IN incidents WHERE EXISTS { (p)<-[:CLAIMED]-(:ThreatActor) } | p.first_seen] AS claimed_days
UNWIND incidents AS i
WITH i, claimed_days,
  size([(i)<-[:CLAIMED]-(a:ThreatActor) | a]) AS claimants,
  size(reduce(acc = [], k IN [(i)<-[:ABOUT]-(c:Claim)
         WHERE c.kind = 'attribution' AND c.modality = 'claimed' | c.report_key] |
       CASE WHEN k IN acc THEN acc ELSE acc + k END)) AS claim_posts
WITH i, claimants, claim_posts, any(d IN claimed_days WHERE d < i.first_seen) AS recycled
SET i.claimants = claimants,
    i.signals = [x IN [
      CASE WHEN claimants >= 2 THEN 'claimed_by_several_groups' END,
      CASE WHEN claim_posts > claimants AND claimants >= 1 THEN 'reposted' END,
      CASE WHEN recycled AND claimants >= 1 THEN 'recycled' END] WHERE x IS NOT NULL]
"""

DERIVE_TARGETED: LiteralString = """
UNWIND $victims AS vk
MATCH (o:Organization {key: vk}) USING INDEX o:Organization(key)
WITH o, [(a:ThreatActor)-[e:CLAIMED|ALLEGEDLY_BEHIND|REPORTED_BEHIND|CONFIRMED_BEHIND]->
         (i:Incident)-[:AGAINST]->(o) | {a: a, t: type(e), first: e.first_recorded_at, i: i}]
       AS hits
CALL (o, hits) {
  UNWIND hits AS hit
  WITH o, hit.a AS a, collect(hit.t) AS types, min(hit.first) AS first,
       count(DISTINCT hit.i) AS incidents
  MERGE (a)-[t:TARGETED]->(o)
  SET t.first_recorded_at = first, t.incidents = incidents,
      t.modality = CASE WHEN 'CONFIRMED_BEHIND' IN types THEN 'confirmed'
        WHEN 'CLAIMED' IN types THEN 'claimed' WHEN 'REPORTED_BEHIND' IN types THEN 'reported'
        ELSE 'alleged' END
}
CALL (o, hits) {
  MATCH (a:ThreatActor)-[t:TARGETED]->(o)
  WHERE NONE(hit IN hits WHERE hit.a = a)
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
