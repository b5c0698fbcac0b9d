-- id: index766_3_5
-- name_vi: Tỷ lệ thủ tục có phí, lệ phí đã tích hợp thanh toán trực tuyến
-- name_en: Fee-bearing procedures with online payment integrated
-- unit: percent
-- numerator: procedures in the unit's competence (procedures.level = the base unit's units.level) that bear fees (has_fees true) and have online payment integrated (payment_integrated true)
-- denominator: procedures in the unit's competence that bear fees (has_fees true) and whose payment integration is known (payment_integrated not NULL)
-- direction: higher
-- targets: none
-- time: last
-- units: sum
-- scale: 100
-- disclosure: none
-- filters: none
-- domain: index766
-- source: Decision 766/QĐ-TTg (2022), service index 3.5 (group 3b, online payment), as the national public-service portal scores it

-- The catalogue keeps the present state only: every month reads the same. One row per procedure (0 or 1 of 1).
SELECT u.unit_id, m.month,
  (count(*) FILTER (WHERE p.payment_integrated))::DOUBLE AS numerator,
  count(*)::DOUBLE AS denominator,
  NULL::BIGINT AS numerator_key,
  NULL::BIGINT AS denominator_key,
  p.procedure_code
FROM units u
CROSS JOIN (SELECT g.month::DATE AS month FROM generate_series($from, $to, INTERVAL 1 MONTH) AS g(month)) m
JOIN procedures p ON p.level = u.level
WHERE u.unit_id IN (SELECT unnest($units)) AND p.has_fees AND p.payment_integrated IS NOT NULL
GROUP BY u.unit_id, m.month, p.procedure_code
