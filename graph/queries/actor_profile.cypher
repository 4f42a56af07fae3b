// title: Profil d'un acteur / Actor profile
// description: Every victim of an actor (matched through its aliases and SAME_AS links), with the strongest modality, status, sector, country, typed dates, competing figures with their speakers, data exposed, authorities and the sources.
// params: name:actor_name
MATCH (a0:ThreatActor) WHERE $name IN a0.match_names OR a0.key = $name
OPTIONAL MATCH (a0)-[s:SAME_AS]-(alias:ThreatActor) WHERE s.status <> 'rejected'
WITH collect(DISTINCT a0) + collect(DISTINCT alias) AS actors
UNWIND actors AS a
WITH DISTINCT a
MATCH (a)<-[:SUBJECT]-(ac:Claim {kind: 'attribution'})-[:ABOUT]->(i:Incident)-[:AGAINST]->(o:Organization)
WHERE $as_of IS NULL OR ac.recorded_at <= $as_of
WITH a, i, o, collect(DISTINCT ac.modality) AS modalities,
     collect(DISTINCT {speaker: ac.speaker, modality: ac.modality, evidence: ac.evidence}) AS statements
CALL (i) {
  OPTIONAL MATCH (i)<-[:ABOUT]-(d:Claim {kind: 'date'})
  WHERE $as_of IS NULL OR d.recorded_at <= $as_of
  WITH d ORDER BY d.date
  WITH collect(DISTINCT {role: d.role, date: d.date, precision: d.precision}) AS all
  RETURN [x IN all WHERE x.date IS NOT NULL] AS dates
}
CALL (i) {
  OPTIONAL MATCH (i)<-[:ABOUT]-(f:Claim {kind: 'figure'})
  WHERE $as_of IS NULL OR f.recorded_at <= $as_of
  WITH f ORDER BY f.value DESC
  WITH collect(DISTINCT {value: f.value, unit: f.unit, counts: f.counts, speaker: f.speaker,
                         speaker_kind: f.speaker_kind, modality: f.modality}) AS all
  RETURN [x IN all WHERE x.value IS NOT NULL] AS figures
}
CALL (i) {
  OPTIONAL MATCH (i)<-[:ABOUT]-(c:Claim)-[:SUBJECT]->(au:Authority)
  WHERE c.kind = 'authority' AND ($as_of IS NULL OR c.recorded_at <= $as_of)
  WITH collect(DISTINCT {name: au.name, role: c.role}) AS all
  RETURN [x IN all WHERE x.name IS NOT NULL] AS authorities
}
CALL (i) {
  OPTIONAL MATCH (i)<-[:ABOUT]-(c:Claim {kind: 'data_exposed'})-[:SUBJECT]->(dc:DataCategory)
  WHERE $as_of IS NULL OR c.recorded_at <= $as_of
  RETURN collect(DISTINCT dc.name) AS data_exposed
}
CALL (i) {
  OPTIONAL MATCH (i)<-[:ABOUT]-(c:Claim)<-[:ASSERTS]-(r:Report)
  WHERE $as_of IS NULL OR c.recorded_at <= $as_of
  OPTIONAL MATCH (src:Source)-[:PUBLISHED]->(r)
  WITH collect(DISTINCT {source: src.key, url: r.url, published_at: toString(r.published_at)})
       AS all
  RETURN [x IN all WHERE x.source IS NOT NULL OR x.url IS NOT NULL] AS sources
}
OPTIONAL MATCH (o)-[:IN_SECTOR]->(sec:Sector)
OPTIONAL MATCH (o)-[:LOCATED_IN]->(ctry:Country)
RETURN a.name AS actor, o.name AS victim, i.key AS incident,
       head([m IN ['confirmed', 'claimed', 'reported', 'alleged', 'denied'] WHERE m IN modalities])
         AS modality,
       modalities,
       CASE WHEN $as_of IS NULL THEN i.status
         WHEN i.confirmed_at <= $as_of AND NOT coalesce(i.denied_at > i.confirmed_at AND i.denied_at <= $as_of, false) THEN 'confirmed'
         WHEN i.denied_at <= $as_of THEN 'denied'
         WHEN i.reported_at <= $as_of THEN 'reported' ELSE 'claimed' END AS status,
       toString(i.first_seen) AS first_seen, collect(DISTINCT sec.name) AS sectors,
       collect(DISTINCT ctry.code) AS countries, dates, figures, data_exposed, authorities,
       statements, sources
ORDER BY first_seen, victim
