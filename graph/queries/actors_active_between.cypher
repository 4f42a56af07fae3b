// title: Acteurs actifs sur une période / Actors active in a window
// description: Actors with at least one incident whose dates fall between start and end, with their incident count, sectors and first / last dates in the window.
// params: start:date, end:date
MATCH (a:ThreatActor)-[e:CLAIMED|ALLEGEDLY_BEHIND|REPORTED_BEHIND|CONFIRMED_BEHIND]->(i:Incident)-[:AGAINST]->(o:Organization)
WHERE i.first_seen <= $end AND i.last_seen >= $start
  AND ($as_of IS NULL OR e.first_recorded_at <= $as_of)
OPTIONAL MATCH (o)-[:IN_SECTOR]->(sec:Sector)
RETURN a.name AS actor, count(DISTINCT i) AS incidents, collect(DISTINCT o.name) AS victims,
       collect(DISTINCT sec.name) AS sectors, toString(min(i.first_seen)) AS first,
       toString(max(i.last_seen)) AS last
ORDER BY incidents DESC, actor
