-- id: index766_3_1
-- name_vi: Tỷ lệ thủ tục hành chính cung cấp dịch vụ công trực tuyến
-- name_en: Procedures offered online (partly or fully)
-- unit: percent
-- numerator: procedures in the unit's competence (procedures.level = the base unit's units.level) whose online service level is partial or full (online_level)
-- denominator: procedures in the unit's competence whose online service level is known (online_level none, partial or full; not NULL)
-- direction: higher
-- targets: none
-- time: last
-- units: sum
-- scale: 100
-- disclosure: none
-- filters: none
-- domain: index766
-- source: Decision 766/QĐ-TTg (2022), service index 3.1 (group 3, online service), as the national public-service portal scores it

-- The catalogue keeps the present level only: every month reads the same. One row per procedure (0 or 1 of 1).
SELECT u.unit_id, m.month,
  (count(*) FILTER (WHERE p.online_level IN ('partial', 'full')))::DOUBLE AS numerator,
  count(*)::DOUBLE AS denominator,
  NULL::BIGINT AS numerator_key,
  NULL::BIGINT AS denominator_key,
  p.procedure_code
FROM units u
CROSS JOIN (SELECT g.month::DATE AS month FROM generate_series($from, $to, INTERVAL 1 MONTH) AS g(month)) m
JOIN procedures p ON p.level = u.level
WHERE u.unit_id IN (SELECT unnest($units)) AND p.online_level IS NOT NULL
GROUP BY u.unit_id, m.month, p.procedure_code
