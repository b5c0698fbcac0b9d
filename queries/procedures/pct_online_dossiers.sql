-- id: pct_online_dossiers
-- name_vi: Tỷ lệ hồ sơ tiếp nhận trực tuyến
-- name_en: Dossiers received online
-- unit: percent
-- numerator: dossiers received online during the month
-- denominator: dossiers received during the month, all channels
-- direction: higher
-- targets: none
-- time: sum
-- units: sum
-- scale: 100
-- disclosure: rate
-- filters: procedure_level, field, procedure
-- domain: procedures
-- source: Decision 766/QĐ-TTg (2022), index of service quality for people and businesses
SELECT d.unit_id, d.month,
  coalesce(sum(d.received) FILTER (WHERE d.channel = 'online'), 0)::DOUBLE AS numerator,
  sum(d.received)::DOUBLE AS denominator,
  coalesce(sum(d.received_key) FILTER (WHERE d.channel = 'online'), 0)::BIGINT AS numerator_key,
  sum(d.received_key)::BIGINT AS denominator_key
FROM dossier_month d
JOIN procedures p ON p.procedure_code = d.procedure_code
WHERE d.unit_id IN (SELECT unnest($units)) AND d.month BETWEEN $from AND $to
  AND ($procedure_level IS NULL OR p.level = $procedure_level) AND ($field IS NULL OR p.field = $field)
  AND ($procedure IS NULL OR d.procedure_code = $procedure)
GROUP BY d.unit_id, d.month
HAVING sum(d.received) > 0
