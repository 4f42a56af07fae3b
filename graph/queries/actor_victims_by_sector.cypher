// title: Victimes d'un acteur par secteur / Victims of an actor by sector
// description: The organisations an actor (any alias) is linked to, grouped by sector, with the strongest modality per victim.
// params: name:actor_name
MATCH (a0:ThreatActor) WHERE $name IN a0.match_names OR a0.key = $name
OPTIONAL MATCH (a0)-[s:SAME_AS]-(alias:ThreatActor) WHERE s.status <> 'rejected'
WITH collect(DISTINCT a0) + collect(DISTINCT alias) AS actors
UNWIND actors AS a
MATCH (a)-[t:TARGETED]->(o:Organization)
WHERE $as_of IS NULL OR t.first_recorded_at <= $as_of
OPTIONAL MATCH (o)-[:IN_SECTOR]->(sec:Sector)
WITH coalesce(sec.name, 'unknown') AS sector, o, t
RETURN sector, count(DISTINCT o) AS victims,
       collect(DISTINCT o.name + ' (' + t.modality + ')') AS organisations
ORDER BY victims DESC, sector
