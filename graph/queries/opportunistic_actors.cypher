// title: Acteurs opportunistes / Opportunistic actors
// description: Actors that hit at least min_sectors distinct sectors within a window of days (the opportunism signal), with the window and the sectors.
// params: days:int=30, min_sectors:int=2
MATCH (a:ThreatActor)-[e:CLAIMED|ALLEGEDLY_BEHIND|REPORTED_BEHIND|CONFIRMED_BEHIND]->(i:Incident)
WHERE $as_of IS NULL OR e.first_recorded_at <= $as_of
MATCH (a)-[e2:CLAIMED|ALLEGEDLY_BEHIND|REPORTED_BEHIND|CONFIRMED_BEHIND]->(j:Incident)-[:AGAINST]->(:Organization)-[:IN_SECTOR]->(s:Sector)
WHERE j.first_seen >= i.first_seen AND j.first_seen <= i.first_seen + duration({days: $days})
  AND ($as_of IS NULL OR e2.first_recorded_at <= $as_of)
WITH a, i, collect(DISTINCT s.name) AS sectors
WHERE size(sectors) >= $min_sectors
WITH a, i, sectors ORDER BY size(sectors) DESC, i.first_seen
WITH a, collect({start: toString(i.first_seen), sectors: sectors})[0] AS best
RETURN a.name AS actor, size(best.sectors) AS distinct_sectors, best.start AS window_start,
       best.sectors AS sectors
ORDER BY distinct_sectors DESC, actor
