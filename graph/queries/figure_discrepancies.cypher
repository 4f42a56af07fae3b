// title: Écarts de chiffres > 10 % / Figure discrepancies over a threshold
// description: Pairs of figures about one incident in the same unit, from different speakers, that differ by more than the threshold (0.10 = 10 %) of the larger one. Both statements are kept; this shows the gap.
// params: threshold:float=0.1
// The figure claims are grouped per incident once; pairs are formed inside each incident's list
// (a handful of claims), not by joining the figure claims of the whole graph on the incident.
MATCH (f:Claim {kind: 'figure'})-[:ABOUT]->(i:Incident)
WHERE $as_of IS NULL OR f.recorded_at <= $as_of
WITH i, collect(f) AS figures
WHERE size(figures) >= 2
UNWIND figures AS f1
UNWIND figures AS f2
WITH i, f1, f2
WHERE f1.unit = f2.unit AND f1.key < f2.key AND f1.speaker <> f2.speaker
WITH i, f1, f2,
     abs(f1.value - f2.value) / CASE WHEN f1.value > f2.value THEN f1.value ELSE f2.value END AS gap
WHERE gap > $threshold
MATCH (o:Organization)<-[:AGAINST]-(i)
RETURN o.name AS victim, toString(i.first_seen) AS first_seen, f1.unit AS unit,
       f1.value AS value_1, f1.counts AS counts_1, f1.speaker AS speaker_1, f1.modality AS modality_1,
       f2.value AS value_2, f2.counts AS counts_2, f2.speaker AS speaker_2, f2.modality AS modality_2,
       round(gap * 1000) / 10.0 AS gap_percent
ORDER BY gap_percent DESC, victim
