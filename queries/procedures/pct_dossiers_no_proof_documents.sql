-- id: pct_dossiers_no_proof_documents
-- name_vi: Tỷ lệ hồ sơ không phải xuất trình giấy tờ chứng minh thông tin đã có trong CSDLQG về dân cư
-- name_en: Dossiers needing no documents proving data already in the population database
-- unit: percent
-- numerator: dossiers received during the month for which population data was reused and no proof documents were asked
-- denominator: dossiers received during the month
-- direction: higher
-- targets: A06
-- time: sum
-- units: sum
-- scale: 100
-- disclosure: rate
-- filters: procedure_level, field, procedure, channel
-- domain: procedures
SELECT d.unit_id, d.month,
  sum(d.received_population_reused)::DOUBLE AS numerator,
  sum(d.received)::DOUBLE AS denominator,
  sum(d.received_population_reused_key)::BIGINT AS numerator_key,
  sum(d.received_key)::BIGINT AS denominator_key
FROM dossier_month d
JOIN procedures p ON p.procedure_code = d.procedure_code
WHERE d.unit_id IN (SELECT unnest($units)) AND d.month BETWEEN $from AND $to
  AND ($procedure_level IS NULL OR p.level = $procedure_level) AND ($field IS NULL OR p.field = $field)
  AND ($procedure IS NULL OR d.procedure_code = $procedure) AND ($channel IS NULL OR d.channel = $channel)
GROUP BY d.unit_id, d.month
HAVING sum(d.received) > 0
