-- id: pct_online_dossiers_eid_authenticated
-- name_vi: Tỷ lệ hồ sơ trực tuyến được định danh, xác thực điện tử
-- name_en: Online dossiers whose applicant was authenticated with the e-identity
-- unit: percent
-- numerator: dossiers received online during the month whose applicant was authenticated with the VNeID e-identity
-- denominator: dossiers received online during the month
-- direction: higher
-- targets: A09
-- time: sum
-- units: sum
-- scale: 100
-- disclosure: rate
-- filters: procedure_level, field, procedure
-- domain: procedures
SELECT d.unit_id, d.month,
  sum(d.received_eid_authenticated)::DOUBLE AS numerator,
  sum(d.received)::DOUBLE AS denominator,
  sum(d.received_eid_authenticated_key)::BIGINT AS numerator_key,
  sum(d.received_key)::BIGINT AS denominator_key
FROM dossier_month d
JOIN procedures p ON p.procedure_code = d.procedure_code
WHERE d.unit_id IN (SELECT unnest($units)) AND d.month BETWEEN $from AND $to
  AND ($procedure_level IS NULL OR p.level = $procedure_level) AND ($field IS NULL OR p.field = $field)
  AND ($procedure IS NULL OR d.procedure_code = $procedure) AND d.channel = 'online'
GROUP BY d.unit_id, d.month
HAVING sum(d.received) > 0
