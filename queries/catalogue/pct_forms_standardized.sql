-- id: pct_forms_standardized
-- name_vi: Tỷ lệ mẫu đơn, tờ khai được chuẩn hóa theo CSDLQG về dân cư
-- name_en: Procedure forms standardised on the population database
-- unit: percent
-- numerator: procedures of the catalogue whose form was standardised on the population database by month end (standardised_since ≤ month end)
-- denominator: procedures of the catalogue
-- direction: higher
-- targets: A12, A18
-- time: last
-- units: max
-- scale: 100
-- disclosure: none
-- filters: procedure_level, field
-- domain: catalogue
SELECT u.unit_id, m.month,
  (count(*) FILTER (WHERE p.standardised_since <= last_day(m.month)))::DOUBLE AS numerator,
  count(*)::DOUBLE AS denominator,
  NULL::BIGINT AS numerator_key,
  NULL::BIGINT AS denominator_key
FROM (SELECT DISTINCT unnest($units) AS unit_id) u
CROSS JOIN (SELECT g.month::DATE AS month FROM generate_series($from, $to, INTERVAL 1 MONTH) AS g(month)) m
JOIN procedures p ON ($procedure_level IS NULL OR p.level = $procedure_level)
  AND ($field IS NULL OR p.field = $field)
GROUP BY u.unit_id, m.month
