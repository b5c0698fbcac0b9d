-- id: index766_3_6
-- name_vi: Tỷ lệ hồ sơ thanh toán trực tuyến
-- name_en: Dossiers paid online
-- unit: percent
-- numerator: dossiers of fee-bearing procedures (has_fees true) received during the month and paid online (paid_online)
-- denominator: dossiers of fee-bearing procedures (has_fees true) received during the month, minus those whose fees were all zero (fee_amount = 0)
-- direction: higher
-- targets: none
-- time: sum
-- units: sum
-- scale: 100
-- disclosure: rate
-- filters: none
-- domain: index766
-- source: Decision 766/QĐ-TTg (2022), service index 3.6 (group 3b, online payment), as the national public-service portal scores it

-- The denominator is a difference of nested counts: its key is the difference of their keys (docs/indicators.md).
SELECT s.unit_id, s.month,
  sum(s.paid_online)::DOUBLE AS numerator,
  (sum(s.received) - sum(s.fee_zero))::DOUBLE AS denominator,
  sum(s.paid_online_key)::BIGINT AS numerator_key,
  (sum(s.received_key) - sum(s.fee_zero_key))::BIGINT AS denominator_key,
  s.procedure_code
FROM service_month s
JOIN procedures p ON p.procedure_code = s.procedure_code
WHERE s.unit_id IN (SELECT unnest($units)) AND s.month BETWEEN $from AND $to AND p.has_fees
GROUP BY s.unit_id, s.month, s.procedure_code
HAVING sum(s.received) - sum(s.fee_zero) > 0
