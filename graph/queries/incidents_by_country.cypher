// title: Incidents par pays / Incidents by country
// description: Incident, victim and actor counts per victim country (optionally one country, ISO code), with the statuses.
// params: country:country?
MATCH (i:Incident)-[:AGAINST]->(o:Organization)-[:LOCATED_IN]->(c:Country)
WHERE ($country IS NULL OR c.code = $country)
  AND ($as_of IS NULL OR i.first_recorded_at <= $as_of)
OPTIONAL MATCH (a:ThreatActor)-[:CLAIMED|ALLEGEDLY_BEHIND|REPORTED_BEHIND|CONFIRMED_BEHIND]->(i)
RETURN c.code AS country, count(DISTINCT i) AS incidents, count(DISTINCT o) AS victims,
       count(DISTINCT a) AS actors, collect(DISTINCT i.status) AS statuses
ORDER BY incidents DESC, country
