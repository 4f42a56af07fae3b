// title: Autorités saisies / Authorities involved
// description: Authorities notified, investigating or receiving a complaint, with the incidents and roles (optionally one authority).
// params: authority:string?
MATCH (au:Authority)<-[:SUBJECT]-(c:Claim {kind: 'authority'})-[:ABOUT]->(i:Incident)-[:AGAINST]->(o:Organization)
WHERE ($authority IS NULL OR toLower(au.name) = toLower($authority))
  AND ($as_of IS NULL OR c.recorded_at <= $as_of)
RETURN au.name AS authority, au.kind AS kind, count(DISTINCT i) AS incidents,
       collect(DISTINCT o.name) AS victims, collect(DISTINCT c.role) AS roles
ORDER BY incidents DESC, authority
