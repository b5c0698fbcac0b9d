-- id: pct_dossiers_returned_for_supplement
-- name_vi: Tỷ lệ hồ sơ phải bổ sung, hoàn thiện
-- name_en: Dossiers returned to the applicant for supplements
-- unit: percent
-- numerator: dossiers received during the month that were returned to the applicant for missing documents
-- denominator: dossiers received during the month
-- direction: lower
-- targets: none
-- time: sum
-- units: sum
-- scale: 100
-- disclosure: rate
-- filters: procedure_level, field, procedure, channel
-- domain: procedures
SELECT d.unit_id, d.month,
  sum(d.returned_for_supplement)::DOUBLE AS numerator,
  sum(d.received)::DOUBLE AS denominator,
  sum(d.returned_for_supplement_key)::BIGINT AS numerator_key,
  sum(d.received_key)::BIGINT AS denominator_key
FROM dossier_month d
JOIN procedures p ON p.procedure_code = d.procedure_code
WHERE d.unit_id IN (SELECT unnest($units)) AND d.month BETWEEN $from AND $to
  AND ($procedure_level IS NULL OR p.level = $procedure_level) AND ($field IS NULL OR p.field = $field)
  AND ($procedure IS NULL OR d.procedure_code = $procedure) AND ($channel IS NULL OR d.channel = $channel)
GROUP BY d.unit_id, d.month
HAVING sum(d.received) > 0
