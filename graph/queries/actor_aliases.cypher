// title: Alias d'un acteur / Actor aliases
// description: The names an actor is known by and its SAME_AS links (candidate, confirmed or rejected) with their score and evidence.
// params: name:actor_name
MATCH (a:ThreatActor) WHERE $name IN a.match_names OR a.key = $name
OPTIONAL MATCH (a)-[s:SAME_AS]-(b:ThreatActor)
RETURN a.name AS actor, a.aliases AS aliases, b.name AS linked_to, s.status AS status,
       s.method AS method, s.score AS score, s.evidence AS evidence
ORDER BY score DESC
