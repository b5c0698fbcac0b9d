-- id: dossiers_received
-- name_vi: Số hồ sơ thủ tục hành chính tiếp nhận
-- name_en: Dossiers received
-- unit: count
-- numerator: dossiers received during the month, all channels (online, one-stop-shop counter, post)
-- denominator: none
-- direction: none
-- targets: none
-- time: sum
-- units: sum
-- scale: 1
-- disclosure: count
-- filters: procedure_level, field, procedure, channel
-- domain: procedures
SELECT d.unit_id, d.month, sum(d.received)::DOUBLE AS numerator, NULL::DOUBLE AS denominator,
  sum(d.received_key)::BIGINT AS numerator_key, NULL::BIGINT AS denominator_key
FROM dossier_month d
JOIN procedures p ON p.procedure_code = d.procedure_code
WHERE d.unit_id IN (SELECT unnest($units)) AND d.month BETWEEN $from AND $to
  AND ($procedure_level IS NULL OR p.level = $procedure_level) AND ($field IS NULL OR p.field = $field)
  AND ($procedure IS NULL OR d.procedure_code = $procedure) AND ($channel IS NULL OR d.channel = $channel)
GROUP BY d.unit_id, d.month
