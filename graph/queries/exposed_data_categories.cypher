// title: Catégories de données les plus exposées / Most exposed data categories
// description: Data categories reported exposed, by number of incidents, with how often they were stated as NOT exposed.
// params:
MATCH (d:DataCategory)<-[:SUBJECT]-(c:Claim)-[:ABOUT]->(i:Incident)
WHERE c.kind IN ['data_exposed', 'data_not_exposed']
  AND ($as_of IS NULL OR c.recorded_at <= $as_of)
WITH d, count(DISTINCT CASE WHEN c.kind = 'data_exposed' THEN i END) AS exposed,
     count(DISTINCT CASE WHEN c.kind = 'data_not_exposed' THEN i END) AS not_exposed
RETURN d.name AS category, exposed AS incidents_exposed, not_exposed AS incidents_not_exposed
ORDER BY incidents_exposed DESC, category
