-- id: pct_deaths_linked_flow
-- name_vi: Tỷ lệ đăng ký khai tử thực hiện liên thông (khai tử – xóa đăng ký thường trú – trợ cấp mai táng phí)
-- name_en: Death registrations handled through the linked flow
-- unit: percent
-- numerator: death registrations (procedures of bundle 'death', step 1) received during the month as part of a linked bundle
-- denominator: death registrations (procedures of bundle 'death', step 1) received during the month
-- direction: higher
-- targets: L02
-- time: sum
-- units: sum
-- scale: 100
-- disclosure: rate
-- filters: channel
-- domain: procedures
-- source: Decision 06/QĐ-TTg, IV.2.d
SELECT d.unit_id, d.month,
  sum(d.received_in_bundle)::DOUBLE AS numerator,
  sum(d.received)::DOUBLE AS denominator,
  sum(d.received_in_bundle_key)::BIGINT AS numerator_key,
  sum(d.received_key)::BIGINT AS denominator_key
FROM dossier_month d
JOIN procedures p ON p.procedure_code = d.procedure_code
WHERE d.unit_id IN (SELECT unnest($units)) AND d.month BETWEEN $from AND $to
  AND ($channel IS NULL OR d.channel = $channel) AND p.bundle = 'death'
  AND p.bundle_step = 1
GROUP BY d.unit_id, d.month
HAVING sum(d.received) > 0
