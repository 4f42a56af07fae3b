// title: Couverture par source / Coverage by source
// description: For each source, the reports it published, the claims they assert and the incidents they cover.
// params:
MATCH (s:Source)
OPTIONAL MATCH (s)-[:PUBLISHED]->(r:Report)
WHERE $as_of IS NULL OR r.first_seen_at <= $as_of
OPTIONAL MATCH (r)-[:ASSERTS]->(c:Claim)-[:ABOUT]->(i:Incident)
RETURN s.key AS source, s.kind AS kind, count(DISTINCT r) AS reports, count(DISTINCT c) AS claims,
       count(DISTINCT i) AS incidents
ORDER BY claims DESC, source
