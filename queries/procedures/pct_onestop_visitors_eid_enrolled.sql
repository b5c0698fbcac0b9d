-- id: pct_onestop_visitors_eid_enrolled
-- name_vi: Tỷ lệ người dân chưa có danh tính điện tử được cấp định danh điện tử khi làm thủ tục tại Bộ phận một cửa
-- name_en: One-stop-shop visitors without an e-identity enrolled on the spot
-- unit: percent
-- numerator: dossiers received at the one-stop-shop counter during the month whose applicant had no e-identity and was enrolled on site
-- denominator: dossiers received at the one-stop-shop counter during the month whose applicant had no e-identity
-- direction: higher
-- targets: A05
-- time: sum
-- units: sum
-- scale: 100
-- disclosure: rate
-- filters: procedure_level, field, procedure
-- domain: procedures
SELECT d.unit_id, d.month,
  sum(d.received_eid_enrolled)::DOUBLE AS numerator,
  sum(d.received_without_eid)::DOUBLE AS denominator,
  sum(d.received_eid_enrolled_key)::BIGINT AS numerator_key,
  sum(d.received_without_eid_key)::BIGINT AS denominator_key
FROM dossier_month d
JOIN procedures p ON p.procedure_code = d.procedure_code
WHERE d.unit_id IN (SELECT unnest($units)) AND d.month BETWEEN $from AND $to
  AND ($procedure_level IS NULL OR p.level = $procedure_level) AND ($field IS NULL OR p.field = $field)
  AND ($procedure IS NULL OR d.procedure_code = $procedure) AND d.channel = 'counter'
GROUP BY d.unit_id, d.month
HAVING sum(d.received_without_eid) > 0
