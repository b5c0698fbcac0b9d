-- id: pct_resolved_on_time
-- name_vi: Tỷ lệ hồ sơ giải quyết đúng hạn
-- name_en: Dossiers resolved on time
-- unit: percent
-- numerator: dossiers resolved during the month no later than their due time (resolved_at ≤ due_at)
-- denominator: dossiers resolved during the month
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
  sum(d.resolved_on_time)::DOUBLE AS numerator,
  sum(d.resolved)::DOUBLE AS denominator,
  sum(d.resolved_on_time_key)::BIGINT AS numerator_key,
  sum(d.resolved_key)::BIGINT AS denominator_key
FROM dossier_month d
JOIN procedures p ON p.procedure_code = d.procedure_code
WHERE d.unit_id IN (SELECT unnest($units)) AND d.month BETWEEN $from AND $to
  AND ($procedure_level IS NULL OR p.level = $procedure_level) AND ($field IS NULL OR p.field = $field)
  AND ($procedure IS NULL OR d.procedure_code = $procedure) AND ($channel IS NULL OR d.channel = $channel)
GROUP BY d.unit_id, d.month
HAVING sum(d.resolved) > 0
