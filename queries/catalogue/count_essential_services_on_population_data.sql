-- id: count_essential_services_on_population_data
-- name_vi: Số dịch vụ công thiết yếu sử dụng xác thực, chia sẻ dữ liệu dân cư
-- name_en: Essential public services using population data
-- unit: count
-- numerator: procedures of the catalogue that belong to an essential service (civil status, social insurance, education, health, land, labour) and verify and reuse population data by month end (population_data_since ≤ month end)
-- denominator: none
-- direction: higher
-- targets: A04
-- time: last
-- units: max
-- scale: 1
-- disclosure: none
-- filters: procedure_level, field
-- domain: catalogue
SELECT u.unit_id, m.month, count(p.procedure_code)::DOUBLE AS numerator, NULL::DOUBLE AS denominator,
  NULL::BIGINT AS numerator_key, NULL::BIGINT AS denominator_key
FROM (SELECT DISTINCT unnest($units) AS unit_id) u
CROSS JOIN (SELECT g.month::DATE AS month FROM generate_series($from, $to, INTERVAL 1 MONTH) AS g(month)) m
LEFT JOIN procedures p ON ($procedure_level IS NULL OR p.level = $procedure_level)
  AND ($field IS NULL OR p.field = $field)
  AND p.essential_service IS NOT NULL
  AND p.population_data_since <= last_day(m.month)
GROUP BY u.unit_id, m.month
