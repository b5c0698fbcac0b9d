-- id: bundles_started
-- name_vi: Số nhóm thủ tục liên thông được tiếp nhận
-- name_en: Linked bundles started
-- unit: count
-- numerator: linked bundles (birth and death) whose first dossier was received during the month
-- denominator: none
-- direction: none
-- targets: none
-- time: sum
-- units: sum
-- scale: 1
-- disclosure: count
-- filters: none
-- domain: procedures
-- source: Decision 06/QĐ-TTg, IV.2.d
SELECT unit_id, month, sum(bundles_started)::DOUBLE AS numerator, NULL::DOUBLE AS denominator,
  sum(bundles_started_key)::BIGINT AS numerator_key, NULL::BIGINT AS denominator_key
FROM bundle_month
WHERE unit_id IN (SELECT unnest($units)) AND month BETWEEN $from AND $to
GROUP BY unit_id, month
