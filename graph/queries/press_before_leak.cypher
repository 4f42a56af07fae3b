// title: Acteurs vus dans la presse avant toute publication sur leur site / Actors seen in the press before any leak post
// description: Actors first named in an article (any modality) before their first leak-site post, or never seen on a leak site at all.
// params:
MATCH (a:ThreatActor)<-[:SUBJECT]-(c:Claim {kind: 'attribution'})<-[:ASSERTS]-(r:Report)
WHERE $as_of IS NULL OR c.recorded_at <= $as_of
WITH a,
     min(CASE WHEN c.channel = 'press' THEN coalesce(r.published_at, c.recorded_at) END) AS first_press,
     min(CASE WHEN c.channel = 'leak_post' THEN coalesce(r.published_at, c.recorded_at) END) AS first_leak
WHERE first_press IS NOT NULL AND (first_leak IS NULL OR first_press < first_leak)
RETURN a.name AS actor, toString(first_press) AS first_press, toString(first_leak) AS first_leak_post,
       CASE WHEN first_leak IS NULL THEN null
            ELSE duration.inDays(first_press, first_leak).days END AS days_ahead
ORDER BY first_press
