-- id: avg_resolution_days
-- name_vi: Thời gian giải quyết hồ sơ trung bình
-- name_en: Average time to resolve a dossier
-- unit: days
-- numerator: days from receipt to resolution, summed over the dossiers resolved during the month
-- denominator: dossiers resolved during the month
-- direction: lower
-- targets: none
-- time: sum
-- units: sum
-- scale: 1
-- disclosure: rate
-- filters: procedure_level, field, procedure, channel
-- domain: procedures
-- source: Decision 766/QĐ-TTg (2022), index of service quality for people and businesses
SELECT d.unit_id, d.month,
  sum(d.resolution_days_sum)::DOUBLE AS numerator,
  sum(d.resolved)::DOUBLE AS denominator,
  NULL::BIGINT AS numerator_key,
  sum(d.resolved_key)::BIGINT AS denominator_key
FROM dossier_month d
JOIN procedures p ON p.procedure_code = d.procedure_code
WHERE d.unit_id IN (SELECT unnest($units)) AND d.month BETWEEN $from AND $to
  AND ($procedure_level IS NULL OR p.level = $procedure_level) AND ($field IS NULL OR p.field = $field)
  AND ($procedure IS NULL OR d.procedure_code = $procedure) AND ($channel IS NULL OR d.channel = $channel)
GROUP BY d.unit_id, d.month
HAVING sum(d.resolved) > 0
