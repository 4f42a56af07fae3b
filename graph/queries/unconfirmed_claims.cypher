// title: Revendications non confirmées après N jours / Claims not confirmed by the victim after N days
// description: Incidents an actor claimed more than N days ago (relative to --as-of, else now) that neither the victim nor an authority has confirmed or denied since.
// params: days:int=30
WITH coalesce($as_of, datetime()) AS now
MATCH (a:ThreatActor)-[e:CLAIMED]->(i:Incident)-[:AGAINST]->(o:Organization)
WHERE e.first_recorded_at <= now - duration({days: $days})
  AND NOT coalesce(i.confirmed_at <= now, false)
  AND NOT coalesce(i.denied_at <= now, false)
RETURN a.name AS actor, o.name AS victim, toString(i.first_seen) AS first_seen,
       toString(e.first_recorded_at) AS claimed_recorded_at,
       duration.inDays(e.first_recorded_at, now).days AS days_unconfirmed
ORDER BY days_unconfirmed DESC, victim
