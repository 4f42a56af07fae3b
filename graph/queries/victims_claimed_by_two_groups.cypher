// title: Victimes revendiquées par deux groupes / Victims claimed by two groups
// description: Incidents that two or more different actors claimed (leak posts or statements), with each claimant and when we first recorded its claim.
// params:
MATCH (a:ThreatActor)-[e:CLAIMED]->(i:Incident)-[:AGAINST]->(o:Organization)
WHERE $as_of IS NULL OR e.first_recorded_at <= $as_of
WITH o, i, collect(DISTINCT {actor: a.name, recorded_at: toString(e.first_recorded_at)}) AS claimants
WHERE size(claimants) >= 2
RETURN o.name AS victim, toString(i.first_seen) AS first_seen, size(claimants) AS groups,
       claimants
ORDER BY groups DESC, victim
