-- id: pct_eligible_procedures_full_online
-- name_vi: Tỷ lệ thủ tục hành chính đủ điều kiện được cung cấp dịch vụ công trực tuyến toàn trình
-- name_en: Eligible procedures offered fully online
-- unit: percent
-- numerator: procedures of the catalogue eligible for full online service that are offered fully online by month end (full_online_since ≤ month end)
-- denominator: procedures of the catalogue eligible for full online service
-- direction: higher
-- targets: A08
-- time: last
-- units: max
-- scale: 100
-- disclosure: none
-- filters: procedure_level, field
-- domain: catalogue
SELECT u.unit_id, m.month,
  (count(*) FILTER (WHERE p.full_online_since <= last_day(m.month)))::DOUBLE AS numerator,
  count(*)::DOUBLE AS denominator,
  NULL::BIGINT AS numerator_key,
  NULL::BIGINT AS denominator_key
FROM (SELECT DISTINCT unnest($units) AS unit_id) u
CROSS JOIN (SELECT g.month::DATE AS month FROM generate_series($from, $to, INTERVAL 1 MONTH) AS g(month)) m
JOIN procedures p ON ($procedure_level IS NULL OR p.level = $procedure_level)
  AND ($field IS NULL OR p.field = $field)
  AND p.full_online_eligible
GROUP BY u.unit_id, m.month
