// title: Victimes revendiquées par deux groupes / Victims claimed by two groups
// description: Incidents that two or more different actors claimed (leak posts or statements), with each claimant and when we first recorded its claim.
// params:
// Only incidents with two CLAIMED edges or more can qualify (at any as-of date: edges recorded
// later only add to the count), and that count is read from the node's degree.
MATCH (i:Incident)
WHERE COUNT { (i)<-[:CLAIMED]-() } >= 2
MATCH (a:ThreatActor)-[e:CLAIMED]->(i)-[:AGAINST]->(o:Organization)
WHERE $as_of IS NULL OR e.first_recorded_at <= $as_of
WITH o, i, collect(DISTINCT {actor: a.name, recorded_at: toString(e.first_recorded_at)}) AS claimants
WHERE size(claimants) >= 2
RETURN o.name AS victim, toString(i.first_seen) AS first_seen, size(claimants) AS groups,
       claimants
ORDER BY groups DESC, victim
