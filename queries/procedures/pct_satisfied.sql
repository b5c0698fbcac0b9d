-- id: pct_satisfied
-- name_vi: Tỷ lệ hài lòng về giải quyết thủ tục hành chính
-- name_en: Satisfaction with procedures
-- unit: percent
-- numerator: dossiers resolved during the month that the applicant rated 4 or 5 (satisfied)
-- denominator: dossiers resolved during the month that the applicant rated (1 to 5)
-- direction: higher
-- targets: none
-- time: sum
-- units: sum
-- scale: 100
-- disclosure: rate
-- filters: procedure_level, field, procedure, channel
-- domain: procedures
-- source: Decision 766/QĐ-TTg (2022), index of service quality for people and businesses
SELECT d.unit_id, d.month,
  sum(d.satisfied)::DOUBLE AS numerator,
  sum(d.rated)::DOUBLE AS denominator,
  sum(d.satisfied_key)::BIGINT AS numerator_key,
  sum(d.rated_key)::BIGINT AS denominator_key
FROM dossier_month d
JOIN procedures p ON p.procedure_code = d.procedure_code
WHERE d.unit_id IN (SELECT unnest($units)) AND d.month BETWEEN $from AND $to
  AND ($procedure_level IS NULL OR p.level = $procedure_level) AND ($field IS NULL OR p.field = $field)
  AND ($procedure IS NULL OR d.procedure_code = $procedure) AND ($channel IS NULL OR d.channel = $channel)
GROUP BY d.unit_id, d.month
HAVING sum(d.rated) > 0
