-- id: pct_paid_online
-- name_vi: Tỷ lệ hồ sơ thanh toán phí, lệ phí trực tuyến
-- name_en: Dossiers with fees paid online
-- unit: percent
-- numerator: dossiers received during the month whose fee was paid online
-- denominator: dossiers received during the month (the catalogue does not say which procedures carry a fee)
-- direction: higher
-- targets: none
-- time: sum
-- units: sum
-- scale: 100
-- disclosure: rate
-- filters: procedure_level, field, procedure, channel
-- domain: procedures
-- source: Decision 766/QĐ-TTg (2022), index of service quality for people and businesses
SELECT d.unit_id, d.month,
  sum(d.received_paid_online)::DOUBLE AS numerator,
  sum(d.received)::DOUBLE AS denominator,
  sum(d.received_paid_online_key)::BIGINT AS numerator_key,
  sum(d.received_key)::BIGINT AS denominator_key
FROM dossier_month d
JOIN procedures p ON p.procedure_code = d.procedure_code
WHERE d.unit_id IN (SELECT unnest($units)) AND d.month BETWEEN $from AND $to
  AND ($procedure_level IS NULL OR p.level = $procedure_level) AND ($field IS NULL OR p.field = $field)
  AND ($procedure IS NULL OR d.procedure_code = $procedure) AND ($channel IS NULL OR d.channel = $channel)
GROUP BY d.unit_id, d.month
HAVING sum(d.received) > 0
