// title: Statut des incidents / Incident status summary
// description: How many incidents are claimed, reported, confirmed or denied (as known at --as-of when given).
// params:
MATCH (i:Incident)
WHERE $as_of IS NULL OR i.first_recorded_at <= $as_of
WITH CASE WHEN $as_of IS NULL THEN i.status
  WHEN i.confirmed_at <= $as_of AND NOT coalesce(i.denied_at > i.confirmed_at AND i.denied_at <= $as_of, false) THEN 'confirmed'
  WHEN i.denied_at <= $as_of THEN 'denied'
  WHEN i.reported_at <= $as_of THEN 'reported' ELSE 'claimed' END AS status
RETURN status, count(*) AS incidents
ORDER BY incidents DESC, status
