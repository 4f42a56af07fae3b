// title: Vagues contre un secteur / Waves against one sector
// description: Windows of window_days in which at least min_victims distinct organisations of one sector were hit (optionally one sector only), with the actors involved.
// params: sector:sector?, window_days:int=14, min_victims:int=3
MATCH (i:Incident)-[:AGAINST]->(o:Organization)-[:IN_SECTOR]->(s:Sector)
WHERE ($sector IS NULL OR s.name = $sector)
  AND ($as_of IS NULL OR i.first_recorded_at <= $as_of)
MATCH (j:Incident)-[:AGAINST]->(p:Organization)-[:IN_SECTOR]->(s)
WHERE j.first_seen >= i.first_seen AND j.first_seen <= i.first_seen + duration({days: $window_days})
  AND ($as_of IS NULL OR j.first_recorded_at <= $as_of)
OPTIONAL MATCH (a:ThreatActor)-[:CLAIMED|ALLEGEDLY_BEHIND|REPORTED_BEHIND|CONFIRMED_BEHIND]->(j)
WITH s, i, collect(DISTINCT p.name) AS victims, collect(DISTINCT a.name) AS actors,
     max(j.first_seen) AS wave_end
WHERE size(victims) >= $min_victims
RETURN s.name AS sector, toString(i.first_seen) AS wave_start, toString(wave_end) AS wave_end,
       size(victims) AS victim_count, victims, actors
ORDER BY victim_count DESC, wave_start
