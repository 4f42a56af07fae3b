// title: Incidents récents / Recent incidents
// description: Incidents first recorded in the last N days (relative to --as-of, else now), with victim, actors and status.
// params: days:int=30
WITH coalesce($as_of, datetime()) AS now
MATCH (i:Incident)-[:AGAINST]->(o:Organization)
WHERE i.first_recorded_at <= now AND i.first_recorded_at >= now - duration({days: $days})
OPTIONAL MATCH (a:ThreatActor)-[e:CLAIMED|ALLEGEDLY_BEHIND|REPORTED_BEHIND|CONFIRMED_BEHIND]->(i)
WHERE e.first_recorded_at <= now
RETURN o.name AS victim, toString(i.first_seen) AS first_seen, i.status AS status,
       collect(DISTINCT a.name) AS actors, toString(i.first_recorded_at) AS recorded_at
ORDER BY recorded_at DESC, victim
