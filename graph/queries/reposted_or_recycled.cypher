// title: Victimes republiées ou recyclées / Re-posted or recycled victims
// description: Incidents flagged by the loader: re-posted (the same group posted the victim again), recycled (a victim already claimed in an earlier incident claimed again), claimed by several groups.
// params:
MATCH (i:Incident)-[:AGAINST]->(o:Organization)
WHERE size(i.signals) > 0 AND ($as_of IS NULL OR i.first_recorded_at <= $as_of)
OPTIONAL MATCH (a:ThreatActor)-[:CLAIMED]->(i)
RETURN o.name AS victim, toString(i.first_seen) AS first_seen, i.signals AS signals,
       collect(DISTINCT a.name) AS claimants
ORDER BY victim, first_seen
