-- id: dossiers_overdue
-- name_vi: Số hồ sơ giải quyết quá hạn
-- name_en: Dossiers resolved late
-- unit: count
-- numerator: dossiers resolved during the month after their due time (resolved_at > due_at)
-- denominator: none
-- direction: lower
-- targets: none
-- time: sum
-- units: sum
-- scale: 1
-- disclosure: count
-- filters: procedure_level, field, procedure, channel
-- domain: procedures
-- source: Decision 766/QĐ-TTg (2022), index of service quality for people and businesses
SELECT d.unit_id, d.month, sum(d.resolved_late)::DOUBLE AS numerator, NULL::DOUBLE AS denominator,
  sum(d.resolved_late_key)::BIGINT AS numerator_key, NULL::BIGINT AS denominator_key
FROM dossier_month d
JOIN procedures p ON p.procedure_code = d.procedure_code
WHERE d.unit_id IN (SELECT unnest($units)) AND d.month BETWEEN $from AND $to
  AND ($procedure_level IS NULL OR p.level = $procedure_level) AND ($field IS NULL OR p.field = $field)
  AND ($procedure IS NULL OR d.procedure_code = $procedure) AND ($channel IS NULL OR d.channel = $channel)
GROUP BY d.unit_id, d.month
