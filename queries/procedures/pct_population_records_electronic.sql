-- id: pct_population_records_electronic
-- name_vi: Tỷ lệ hồ sơ về dân cư được tạo, lưu trữ, chia sẻ dữ liệu điện tử
-- name_en: Population records created, stored and shared electronically
-- unit: percent
-- numerator: dossiers of population-management procedures resolved during the month whose result was stored electronically with the personal identification number
-- denominator: dossiers of population-management procedures resolved during the month
-- direction: higher
-- targets: A17
-- time: sum
-- units: sum
-- scale: 100
-- disclosure: rate
-- filters: procedure_level, field, procedure, channel
-- domain: procedures
SELECT d.unit_id, d.month,
  sum(d.resolved_digitised)::DOUBLE AS numerator,
  sum(d.resolved)::DOUBLE AS denominator,
  sum(d.resolved_digitised_key)::BIGINT AS numerator_key,
  sum(d.resolved_key)::BIGINT AS denominator_key
FROM dossier_month d
JOIN procedures p ON p.procedure_code = d.procedure_code
WHERE d.unit_id IN (SELECT unnest($units)) AND d.month BETWEEN $from AND $to
  AND ($procedure_level IS NULL OR p.level = $procedure_level) AND ($field IS NULL OR p.field = $field)
  AND ($procedure IS NULL OR d.procedure_code = $procedure) AND ($channel IS NULL OR d.channel = $channel)
  AND p.population_management
GROUP BY d.unit_id, d.month
HAVING sum(d.resolved) > 0
