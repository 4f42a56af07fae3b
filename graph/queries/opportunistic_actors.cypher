// title: Acteurs opportunistes / Opportunistic actors
// description: Actors that hit at least min_sectors distinct sectors within a window of days (the opportunism signal), with the window and the sectors.
// params: days:int=30, min_sectors:int=2
// Each actor's incidents are grouped by first_seen (a date) and sorted once; a window of days
// then holds at most days + 1 of those days, a bounded slice of the list (no self-join).
MATCH (a:ThreatActor)-[e:CLAIMED|ALLEGEDLY_BEHIND|REPORTED_BEHIND|CONFIRMED_BEHIND]->(i:Incident)
WHERE i.first_seen IS NOT NULL AND ($as_of IS NULL OR e.first_recorded_at <= $as_of)
OPTIONAL MATCH (i)-[:AGAINST]->(:Organization)-[:IN_SECTOR]->(s:Sector)
WITH a, i.first_seen AS day, collect(DISTINCT s.name) AS sectors
ORDER BY day
WITH a, collect({day: day, sectors: sectors}) AS days
UNWIND range(0, size(days) - 1) AS k
WITH a, days, k, days[k].day AS start
WITH a, days, k, start, start + duration({days: $days}) AS until
WITH a, start, [d IN days[k..k + $days + 1] WHERE d.day <= until | d.sectors] AS window
WITH a, start, reduce(acc = [], names IN window | acc + [x IN names WHERE NOT x IN acc]) AS sectors
WHERE size(sectors) >= $min_sectors
WITH a, start, sectors ORDER BY size(sectors) DESC, start
WITH a, collect({start: toString(start), sectors: sectors})[0] AS best
RETURN a.name AS actor, size(best.sectors) AS distinct_sectors, best.start AS window_start,
       best.sectors AS sectors
ORDER BY distinct_sectors DESC, actor
