-- id: pct_satisfied_residence_civil_status_id
-- name_vi: Tỷ lệ hài lòng về giải quyết thủ tục hành chính cư trú, hộ tịch
-- name_en: Satisfaction with residence and civil-status procedures
-- unit: percent
-- numerator: dossiers of procedures of the fields residence and civil_status resolved during the month that the applicant rated 4 or 5 (satisfied)
-- denominator: dossiers of procedures of the fields residence and civil_status resolved during the month that the applicant rated (1 to 5); ID-card procedures are not in the catalogue
-- direction: higher
-- targets: A13
-- time: sum
-- units: sum
-- scale: 100
-- disclosure: rate
-- filters: procedure_level, procedure, channel
-- domain: procedures
SELECT d.unit_id, d.month,
  sum(d.satisfied)::DOUBLE AS numerator,
  sum(d.rated)::DOUBLE AS denominator,
  sum(d.satisfied_key)::BIGINT AS numerator_key,
  sum(d.rated_key)::BIGINT AS denominator_key
FROM dossier_month d
JOIN procedures p ON p.procedure_code = d.procedure_code
WHERE d.unit_id IN (SELECT unnest($units)) AND d.month BETWEEN $from AND $to
  AND ($procedure_level IS NULL OR p.level = $procedure_level) AND ($procedure IS NULL OR d.procedure_code = $procedure)
  AND ($channel IS NULL OR d.channel = $channel) AND p.field IN ('residence', 'civil_status')
GROUP BY d.unit_id, d.month
HAVING sum(d.rated) > 0
