// title: Vagues contre un secteur / Waves against one sector
// description: Windows of window_days in which at least min_victims distinct organisations of one sector were hit (optionally one sector only), with the actors involved.
// params: sector:sector?, window_days:int=14, min_victims:int=3
// One wave per sector and start day: the incidents of the sector are grouped by first_seen (a
// date) and sorted once, so a window of window_days holds at most window_days + 1 of those days
// and is a bounded slice of the list, not a self-join of the sector's incidents.
MATCH (s:Sector)
WHERE $sector IS NULL OR s.name = $sector
CALL (s) {
  MATCH (s)<-[:IN_SECTOR]-(p:Organization)<-[:AGAINST]-(i:Incident)
  WHERE i.first_seen IS NOT NULL AND ($as_of IS NULL OR i.first_recorded_at <= $as_of)
  OPTIONAL MATCH (a:ThreatActor)-[e:CLAIMED|ALLEGEDLY_BEHIND|REPORTED_BEHIND|CONFIRMED_BEHIND]->(i)
  WHERE $as_of IS NULL OR e.first_recorded_at <= $as_of
  WITH i.first_seen AS day, collect(DISTINCT p.name) AS victims, collect(DISTINCT a.name) AS actors
  ORDER BY day
  RETURN collect({day: day, victims: victims, actors: actors}) AS days
}
UNWIND range(0, size(days) - 1) AS k
WITH s, days, k, days[k].day AS start
WITH s, days, k, start, start + duration({days: $window_days}) AS until
WITH s, start, [d IN days[k..k + $window_days + 1] WHERE d.day <= until] AS wave
CALL (wave) {
  UNWIND wave AS d
  UNWIND d.victims AS victim
  RETURN collect(DISTINCT victim) AS victims
}
WITH s, start, wave, victims
WHERE size(victims) >= $min_victims
CALL (wave) {
  UNWIND wave AS d
  UNWIND d.actors AS actor
  RETURN collect(DISTINCT actor) AS actors
}
RETURN s.name AS sector, toString(start) AS wave_start, toString(wave[-1].day) AS wave_end,
       size(victims) AS victim_count, victims, actors
ORDER BY victim_count DESC, wave_start, sector
