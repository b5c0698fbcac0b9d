-- id: index766_3_5b
-- name_vi: Tỷ lệ thủ tục có phí, lệ phí phát sinh thanh toán trực tuyến
-- name_en: Fee-bearing procedures with at least one online payment
-- unit: percent
-- numerator: procedures in the unit's competence (procedures.level = the base unit's units.level) that bear fees (has_fees true) for which at least one dossier received by the unit during the month was paid online (paid_online); months up to the dossiers' data date
-- denominator: procedures in the unit's competence that bear fees (has_fees true), counted once per month up to the dossiers' data date (procedure-months)
-- direction: higher
-- targets: none
-- time: sum
-- units: sum
-- scale: 100
-- disclosure: none
-- filters: none
-- domain: index766
-- source: Decision 766/QĐ-TTg (2022), service index 3.5, the 2 more points for procedures with online payments (group 3b, online payment)

-- The dossiers' data date: datasets.data_date of kind 'dossiers' (service_month's last month when a store has none).
-- One row per procedure and month (0 or 1 of 1).
SELECT u.unit_id, m.month,
  (count(*) FILTER (WHERE s.paid_online > 0))::DOUBLE AS numerator,
  count(*)::DOUBLE AS denominator,
  NULL::BIGINT AS numerator_key,
  NULL::BIGINT AS denominator_key,
  p.procedure_code
FROM units u
CROSS JOIN (SELECT g.month::DATE AS month FROM generate_series($from, $to, INTERVAL 1 MONTH) AS g(month)) m
JOIN procedures p ON p.level = u.level
LEFT JOIN service_month s ON s.unit_id = u.unit_id AND s.month = m.month AND s.procedure_code = p.procedure_code
WHERE u.unit_id IN (SELECT unnest($units)) AND p.has_fees
  AND m.month <= coalesce((SELECT date_trunc('month', data_date) FROM datasets WHERE kind = 'dossiers'),
    (SELECT max(month) FROM service_month))
GROUP BY u.unit_id, m.month, p.procedure_code
