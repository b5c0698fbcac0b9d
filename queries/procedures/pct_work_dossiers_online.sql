-- id: pct_work_dossiers_online
-- name_vi: Tỷ lệ hồ sơ công việc về quản lý dân cư được xử lý trên môi trường mạng
-- name_en: Population-management work files processed online
-- unit: percent
-- numerator: dossiers of population-management procedures received during the month and processed entirely on the network
-- denominator: dossiers of population-management procedures received during the month (procedure_level: district for A15/A19, commune for A16/A20)
-- direction: higher
-- targets: A15, A16, A19, A20
-- time: sum
-- units: sum
-- scale: 100
-- disclosure: rate
-- filters: procedure_level, field, procedure, channel
-- domain: procedures
SELECT d.unit_id, d.month,
  sum(d.received_processed_online)::DOUBLE AS numerator,
  sum(d.received)::DOUBLE AS denominator,
  sum(d.received_processed_online_key)::BIGINT AS numerator_key,
  sum(d.received_key)::BIGINT AS denominator_key
FROM dossier_month d
JOIN procedures p ON p.procedure_code = d.procedure_code
WHERE d.unit_id IN (SELECT unnest($units)) AND d.month BETWEEN $from AND $to
  AND ($procedure_level IS NULL OR p.level = $procedure_level) AND ($field IS NULL OR p.field = $field)
  AND ($procedure IS NULL OR d.procedure_code = $procedure) AND ($channel IS NULL OR d.channel = $channel)
  AND p.population_management
GROUP BY d.unit_id, d.month
HAVING sum(d.received) > 0
