-- id: pct_population_procedures_simplified
-- name_vi: Tỷ lệ thủ tục hành chính liên quan đến dân cư được cắt giảm, đơn giản hóa
-- name_en: Population-related procedures cut or simplified
-- unit: percent
-- numerator: population-management procedures of the catalogue cut or simplified by month end (simplified_since ≤ month end)
-- denominator: population-management procedures of the catalogue
-- direction: higher
-- targets: A14
-- time: last
-- units: max
-- scale: 100
-- disclosure: none
-- filters: procedure_level, field
-- domain: catalogue
SELECT u.unit_id, m.month,
  (count(*) FILTER (WHERE p.simplified_since <= last_day(m.month)))::DOUBLE AS numerator,
  count(*)::DOUBLE AS denominator,
  NULL::BIGINT AS numerator_key,
  NULL::BIGINT AS denominator_key
FROM (SELECT DISTINCT unnest($units) AS unit_id) u
CROSS JOIN (SELECT g.month::DATE AS month FROM generate_series($from, $to, INTERVAL 1 MONTH) AS g(month)) m
JOIN procedures p ON ($procedure_level IS NULL OR p.level = $procedure_level)
  AND ($field IS NULL OR p.field = $field)
  AND p.population_management
GROUP BY u.unit_id, m.month
