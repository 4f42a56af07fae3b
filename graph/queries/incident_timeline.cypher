// title: Chronologie d'un incident / Incident timeline
// description: The typed dates (attack, detected, claimed, disclosed, notified...) of a victim's incidents, each with its precision and who stated it.
// params: victim:org_name
MATCH (o:Organization) WHERE o.norm = $victim OR o.key = $victim
MATCH (o)<-[:AGAINST]-(i:Incident)<-[:ABOUT]-(d:Claim {kind: 'date'})
WHERE $as_of IS NULL OR d.recorded_at <= $as_of
RETURN o.name AS victim, i.key AS incident, d.date AS date, d.role AS role,
       d.precision AS precision, d.speaker AS speaker, d.text AS text, d.evidence AS evidence
ORDER BY incident, date, role
