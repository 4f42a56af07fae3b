"""Named Cypher of the dashboard's read views (:mod:`graph.views`).

Values always travel as parameters; the only text spliced in is fixed fragments below and
relationship types from :mod:`graph.vocab`'s allow-list.
"""

from __future__ import annotations

from typing import LiteralString

_AS_OF_EDGE = "($as_of IS NULL OR e.first_recorded_at <= $as_of)"
_BEHIND_TYPES = "CLAIMED|CONFIRMED_BEHIND|REPORTED_BEHIND|ALLEGEDLY_BEHIND"
_WINDOW = (
    "i.first_seen >= $start AND i.first_seen <= $end "
    "AND ($as_of IS NULL OR i.first_recorded_at <= $as_of)"
)
_STATUS_AS_OF = """CASE WHEN $as_of IS NULL THEN i.status
  WHEN i.confirmed_at <= $as_of
       AND NOT coalesce(i.denied_at > i.confirmed_at AND i.denied_at <= $as_of, false)
    THEN 'confirmed'
  WHEN i.denied_at <= $as_of THEN 'denied'
  WHEN i.reported_at <= $as_of THEN 'reported' ELSE 'claimed' END"""

DATE_BOUNDS: LiteralString = """
MATCH (i:Incident) WHERE i.first_seen IS NOT NULL
  AND ($as_of IS NULL OR i.first_recorded_at <= $as_of)
RETURN min(i.first_seen) AS first, max(i.first_seen) AS last
"""

WINDOW_TIMELINE: LiteralString = (
    "MATCH (i:Incident) WHERE "
    + _WINDOW
    + " WITH date.truncate('week', i.first_seen) AS week, "
    + _STATUS_AS_OF
    + " AS status RETURN week, status, count(*) AS incidents ORDER BY week, status"
)

# Actors active in the window, with their incidents there and whether they are new (no incident
# before the window). One pass over the window's attributions; the NOT EXISTS stops at the first
# earlier incident of each actor.
WINDOW_ACTORS: LiteralString = (
    "MATCH (i:Incident) WHERE "
    + _WINDOW
    + " MATCH (a:ThreatActor)-[e:"
    + _BEHIND_TYPES
    + "]->(i) WHERE "
    + _AS_OF_EDGE
    + " WITH a, count(*) AS n"
    " RETURN a.key AS key, a.name AS name, n,"
    " NOT EXISTS { (a)-[e:"
    + _BEHIND_TYPES
    + "]->(j:Incident) WHERE j.first_seen < $start AND "
    + _AS_OF_EDGE
    + " } AS new"
    " ORDER BY n DESC, name"
)

# Sectors and countries in one pass over the window (an incident is against one organisation).
WINDOW_SECTORS_COUNTRIES: LiteralString = (
    "MATCH (i:Incident) WHERE " + _WINDOW + " MATCH (i)-[:AGAINST]->(o:Organization)"
    " OPTIONAL MATCH (o)-[:IN_SECTOR]->(s:Sector)"
    " OPTIONAL MATCH (o)-[:LOCATED_IN]->(c:Country)"
    " RETURN s.key AS sector_key, s.name AS sector, c.key AS country_key, c.code AS country,"
    " count(*) AS n"
)

WINDOW_RECENT_INCIDENTS: LiteralString = (
    "MATCH (i:Incident) WHERE " + _WINDOW + " WITH i ORDER BY i.first_seen DESC LIMIT $top"
    " MATCH (i)-[:AGAINST]->(o:Organization)"
    " OPTIONAL MATCH (a:ThreatActor)-[e:"
    + _BEHIND_TYPES
    + "]->(i) WHERE "
    + _AS_OF_EDGE
    + " RETURN i.key AS incident, i.first_seen AS first_seen, o.key AS org_key, o.name AS victim, "
    + _STATUS_AS_OF
    + " AS status, collect(DISTINCT a.name) AS actors ORDER BY first_seen DESC, victim"
)

SEARCH_ACTORS: LiteralString = (
    "MATCH (a:ThreatActor)"
    " WHERE ($as_of IS NULL OR a.first_recorded_at <= $as_of"
    "        OR EXISTS { (a)-[e:"
    + _BEHIND_TYPES
    + "]->(:Incident) WHERE e.first_recorded_at <= $as_of })"
    "   AND ($q = '' OR any(n IN coalesce(a.match_names, []) WHERE n CONTAINS $q)"
    "        OR toLower(a.name) CONTAINS $raw"
    "        OR any(x IN coalesce(a.aliases, []) WHERE toLower(x) CONTAINS $raw))"
    " WITH a, COUNT { (a)-[e:"
    + _BEHIND_TYPES
    + "]->(:Incident) WHERE "
    + _AS_OF_EDGE
    + " } AS degree"
    " ORDER BY degree DESC, a.name LIMIT $limit"
    " OPTIONAL MATCH (a)-[e:"
    + _BEHIND_TYPES
    + "]->(i:Incident) WHERE "
    + _AS_OF_EDGE
    + " RETURN a.key AS key, a.name AS name, coalesce(a.aliases, []) AS aliases,"
    " a.description AS description, count(DISTINCT i) AS incidents,"
    " min(i.first_seen) AS first_seen, max(i.last_seen) AS last_seen, degree"
    " ORDER BY degree DESC, name"
)

ACTOR_BY_KEY: LiteralString = (
    "MATCH (a:ThreatActor {key: $key})"
    " OPTIONAL MATCH (a)-[s:SAME_AS]-(other:ThreatActor) WHERE s.status <> 'rejected'"
    " WITH a, collect(DISTINCT other.name) AS linked"
    " OPTIONAL MATCH (a)-[e:"
    + _BEHIND_TYPES
    + "]->(i:Incident) WHERE "
    + _AS_OF_EDGE
    + " RETURN a.key AS key, a.name AS name, coalesce(a.aliases, []) + linked AS aliases,"
    " a.description AS description, count(DISTINCT i) AS incidents,"
    " min(i.first_seen) AS first_seen, max(i.last_seen) AS last_seen, 0 AS degree"
)

ACTOR_EVIDENCE: LiteralString = """
MATCH (a0:ThreatActor {key: $key})
OPTIONAL MATCH (a0)-[s:SAME_AS]-(alias:ThreatActor) WHERE s.status <> 'rejected'
WITH collect(DISTINCT a0) + collect(DISTINCT alias) AS actors
UNWIND actors AS a
MATCH (a)<-[:SUBJECT|SPOKEN_BY]-(c:Claim)-[:ABOUT]->(i:Incident)-[:AGAINST]->(o:Organization)
WHERE $as_of IS NULL OR c.recorded_at <= $as_of
WITH DISTINCT c, i, o ORDER BY c.recorded_at DESC LIMIT $limit
OPTIONAL MATCH (r:Report)-[:ASSERTS]->(c)
OPTIONAL MATCH (src:Source)-[:PUBLISHED]->(r)
RETURN o.key AS org_key, o.name AS victim, i.first_seen AS incident_date, c.kind AS kind,
       c.modality AS modality, c.speaker AS speaker, c.speaker_kind AS speaker_kind,
       coalesce(c.subject, toString(c.value) + ' ' + coalesce(c.counts, c.unit, ''),
                c.role + ' ' + c.date) AS statement,
       c.evidence AS evidence, r.title AS title, r.url AS url,
       collect(DISTINCT src.key) AS sources, c.recorded_at AS recorded_at,
       c.confidence AS confidence
ORDER BY recorded_at DESC, victim
"""

SEARCH_ORGANIZATIONS: LiteralString = """
MATCH (o:Organization)
WHERE ($as_of IS NULL OR o.first_recorded_at <= $as_of)
  AND (o.norm CONTAINS $q OR toLower(coalesce(o.aliases_text, o.name)) CONTAINS $raw
       OR toLower(coalesce(o.domain, '')) CONTAINS $raw)
WITH o, COUNT { (o)<-[:AGAINST]-(:Incident) } AS degree
ORDER BY degree DESC, o.name LIMIT $limit
OPTIONAL MATCH (o)-[:IN_SECTOR]->(s:Sector)
OPTIONAL MATCH (o)-[:LOCATED_IN]->(c:Country)
RETURN o.key AS key, o.name AS name, coalesce(o.names, []) AS names, o.domain AS domain,
       degree AS incidents, collect(DISTINCT s.name) AS sectors,
       collect(DISTINCT c.code) AS countries
ORDER BY incidents DESC, name
"""

# No search text: the victims of the latest incidents (index-ordered, cheap on any graph size).
RECENT_ORGANIZATIONS: LiteralString = """
MATCH (i:Incident) WHERE i.first_seen IS NOT NULL
  AND ($as_of IS NULL OR i.first_recorded_at <= $as_of)
WITH i ORDER BY i.first_seen DESC LIMIT $scan
MATCH (i)-[:AGAINST]->(o:Organization)
WITH DISTINCT o LIMIT $limit
OPTIONAL MATCH (o)-[:IN_SECTOR]->(s:Sector)
OPTIONAL MATCH (o)-[:LOCATED_IN]->(c:Country)
RETURN o.key AS key, o.name AS name, coalesce(o.names, []) AS names, o.domain AS domain,
       COUNT { (o)<-[:AGAINST]-(:Incident) } AS incidents, collect(DISTINCT s.name) AS sectors,
       collect(DISTINCT c.code) AS countries
"""

ORGANIZATION_BY_KEY: LiteralString = """
MATCH (o:Organization {key: $key})
OPTIONAL MATCH (o)-[:IN_SECTOR]->(s:Sector)
OPTIONAL MATCH (o)-[:LOCATED_IN]->(c:Country)
RETURN o.key AS key, o.name AS name, coalesce(o.names, []) AS names, o.domain AS domain,
       COUNT { (o)<-[:AGAINST]-(:Incident) } AS incidents, collect(DISTINCT s.name) AS sectors,
       collect(DISTINCT c.code) AS countries
"""

VICTIM_INCIDENTS: LiteralString = (
    "MATCH (o:Organization {key: $key})<-[:AGAINST]-(i:Incident)"
    " WHERE $as_of IS NULL OR i.first_recorded_at <= $as_of"
    " WITH i ORDER BY i.first_seen DESC LIMIT $limit"
    " MATCH (i)<-[:ABOUT]-(c:Claim) WHERE $as_of IS NULL OR c.recorded_at <= $as_of"
    " OPTIONAL MATCH (r:Report)-[:ASSERTS]->(c)"
    " OPTIONAL MATCH (src:Source)-[:PUBLISHED]->(r)"
    " WITH i, c, r, collect(DISTINCT src.key) AS sources"
    " RETURN i.key AS key, i.first_seen AS first_seen, i.last_seen AS last_seen, "
    + _STATUS_AS_OF
    + " AS status, i.claimed_at AS claimed_at, i.reported_at AS reported_at,"
    " i.confirmed_at AS confirmed_at, i.denied_at AS denied_at,"
    " coalesce(i.signals, []) AS signals,"
    " collect({kind: c.kind, modality: c.modality, speaker: c.speaker,"
    "   speaker_kind: c.speaker_kind, subject: c.subject, value: c.value, unit: c.unit,"
    "   counts: c.counts, role: c.role, date: c.date, precision: c.precision,"
    "   target: head([(c)-[:SUBJECT]->(x) | x.name]),"
    "   evidence: c.evidence, recorded_at: c.recorded_at, confidence: c.confidence,"
    "   channel: c.channel, report: r.key, title: r.title, url: r.url,"
    "   published_at: r.published_at, sources: sources}) AS claims"
    " ORDER BY first_seen DESC"
)

INCIDENT_VICTIM: LiteralString = """
MATCH (:Incident {key: $key})-[:AGAINST]->(o:Organization) RETURN o.key AS key LIMIT 1
"""

FACETS: LiteralString = """
CALL () { MATCH (s:Sector) RETURN collect(DISTINCT s.name) AS sectors }
CALL () { MATCH (c:Country) RETURN collect(DISTINCT c.code) AS countries }
RETURN sectors, countries
"""

NETWORK_EDGES: LiteralString = (
    "MATCH (i:Incident) WHERE "
    + _WINDOW
    + " MATCH (a:ThreatActor)-[e:"
    + _BEHIND_TYPES
    + "]->(i)-[:AGAINST]->(o:Organization)"
    " WHERE " + _AS_OF_EDGE + " AND ($rel IS NULL OR type(e) = $rel)"
    " AND ($sector IS NULL OR EXISTS { (o)-[:IN_SECTOR]->(:Sector {name: $sector}) })"
    " AND ($country IS NULL OR EXISTS { (o)-[:LOCATED_IN]->(:Country {code: $country}) })"
    " WITH a, e, i, o ORDER BY i.first_seen DESC LIMIT $limit"
    " OPTIONAL MATCH (o)-[:IN_SECTOR]->(s:Sector)"
    " RETURN a.key AS actor_key, a.name AS actor, i.key AS incident, i.first_seen AS first_seen,"
    " o.key AS org_key, o.name AS org, type(e) AS rel, collect(DISTINCT s.name) AS sectors"
)
