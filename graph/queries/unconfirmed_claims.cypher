// title: Revendications non confirmées après N jours / Claims not confirmed by the victim after N days
// description: Incidents an actor claimed more than N days ago (relative to --as-of, else now) that neither the victim nor an authority has confirmed or denied since.
// params: days:int=30
// Two passes so that only the rows shown are expanded and sorted: the oldest $row_limit claims
// (in the order of the CLAIMED.first_recorded_at index) give the smallest day count shown; then
// every claim at least that old (ties included) is read with its victim and sorted.
WITH coalesce($as_of, datetime()) AS now
CALL (now) {
  MATCH (:ThreatActor)-[e:CLAIMED]->(i:Incident)
  WHERE e.first_recorded_at <= now - duration({days: $days})
    AND NOT coalesce(i.confirmed_at <= now, false)
    AND NOT coalesce(i.denied_at <= now, false)
  WITH e.first_recorded_at AS recorded ORDER BY recorded LIMIT $row_limit
  RETURN max(recorded) AS last_shown
}
WITH now, last_shown WHERE last_shown IS NOT NULL
WITH now, now - duration({days: duration.inDays(last_shown, now).days}) AS shown_until
MATCH (a:ThreatActor)-[e:CLAIMED]->(i:Incident)-[:AGAINST]->(o:Organization)
WHERE e.first_recorded_at <= shown_until
  AND e.first_recorded_at <= now - duration({days: $days})
  AND NOT coalesce(i.confirmed_at <= now, false)
  AND NOT coalesce(i.denied_at <= now, false)
RETURN a.name AS actor, o.name AS victim, toString(i.first_seen) AS first_seen,
       toString(e.first_recorded_at) AS claimed_recorded_at,
       duration.inDays(e.first_recorded_at, now).days AS days_unconfirmed
ORDER BY days_unconfirmed DESC, victim
LIMIT $row_limit
