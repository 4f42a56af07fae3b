// title: Les sources derrière un fait / The sources behind a fact
// description: Every statement about a victim's incidents: what is claimed, by whom, how firmly, the exact sentence and offsets, the report, its source and when we recorded it.
// params: victim:org_name, kind:string?
MATCH (o0:Organization) WHERE o0.norm = $victim OR o0.key = $victim
OPTIONAL MATCH (o0)-[s:SAME_AS]-(alias:Organization) WHERE s.status <> 'rejected'
WITH collect(DISTINCT o0) + collect(DISTINCT alias) AS orgs
UNWIND orgs AS o
MATCH (o)<-[:AGAINST]-(i:Incident)<-[:ABOUT]-(c:Claim)<-[:ASSERTS]-(r:Report)
WHERE ($kind IS NULL OR c.kind = $kind) AND ($as_of IS NULL OR c.recorded_at <= $as_of)
OPTIONAL MATCH (src:Source)-[:PUBLISHED]->(r)
RETURN o.name AS victim, toString(i.first_seen) AS incident, c.kind AS kind, c.modality AS modality,
       c.speaker AS speaker, c.speaker_kind AS speaker_kind,
       coalesce(c.subject, toString(c.value) + ' ' + coalesce(c.counts, c.unit), c.role + ' ' + c.date) AS statement,
       c.evidence AS evidence, c.evidence_start AS start, c.evidence_end AS end,
       r.url AS url, collect(DISTINCT src.key) AS sources, toString(c.recorded_at) AS recorded_at,
       c.confidence AS confidence
ORDER BY incident, kind, recorded_at
